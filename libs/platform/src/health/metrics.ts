import { collectDefaultMetrics, Registry } from 'prom-client';

/** One Prometheus registry per process, labelled with the service name. */
export const metricsRegistry = new Registry();
let initialised = false;

export function initMetrics(service: string): Registry {
  if (!initialised) {
    metricsRegistry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: metricsRegistry });
    initialised = true;
  }
  return metricsRegistry;
}

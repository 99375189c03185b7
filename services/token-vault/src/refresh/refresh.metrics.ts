import { metricsRegistry } from '@switchboard/platform';
import { Counter } from 'prom-client';

export const refreshOutcomes = new Counter({
  name: 'vault_refresh_outcomes_total',
  help: 'Refreshes performed by the vault, by platform and outcome',
  labelNames: ['platform', 'outcome'] as const,
  registers: [metricsRegistry],
});

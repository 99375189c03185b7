import { NodeSDK } from '@opentelemetry/sdk-node';
import { NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface TelemetryOptions {
  /** Extra processors (tests pass an in-memory exporter here). */
  spanProcessors?: SpanProcessor[];
}

/**
 * Starts the OpenTelemetry Node SDK. Exporters follow the standard `OTEL_*` variables; with none
 * set nothing is exported, but spans still get real trace ids (for logs, timelines and headers).
 */
export function startTelemetry(serviceName: string, options: TelemetryOptions = {}): NodeSDK {
  process.env.OTEL_SERVICE_NAME ??= serviceName;
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  const exporterFromEnv = process.env.OTEL_TRACES_EXPORTER;
  const exportsNothing = exporterFromEnv === undefined || exporterFromEnv === 'none';
  const spanProcessors = [
    ...(options.spanProcessors ?? []),
    ...(exportsNothing && !options.spanProcessors?.length ? [new NoopSpanProcessor()] : []),
  ];
  const sdk = new NodeSDK({
    serviceName,
    instrumentations: [],
    ...(exportsNothing || options.spanProcessors?.length ? { spanProcessors } : {}),
  });
  sdk.start();
  return sdk;
}

import { context, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import type { RequestEvent } from './http';

const tracer = trace.getTracer('switchboard-providers');

/**
 * A `RequestHook` that records each platform call as a client span under the caller's span (a
 * refresh, a code exchange): platform, operation, method, the URL without its query, and the
 * status or the network error. Headers and bodies never reach it, so no token does.
 */
export function recordProviderSpan(event: RequestEvent, parent: Context = context.active()): void {
  const end = performance.timeOrigin + performance.now();
  const span = tracer.startSpan(
    `provider ${event.operation}`,
    {
      kind: SpanKind.CLIENT,
      startTime: end - event.durationMs,
      attributes: {
        'switchboard.platform': event.provider,
        'switchboard.provider_operation': event.operation,
        'http.request.method': event.method,
        'url.full': event.url,
        ...(event.status === null ? {} : { 'http.response.status_code': event.status }),
        ...(event.error ? { 'error.type': event.error } : {}),
      },
    },
    parent,
  );
  if (event.error || (event.status !== null && event.status >= 400)) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: event.error ?? `HTTP ${event.status}` });
  }
  span.end(end);
}

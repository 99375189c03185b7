import { context, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { recordProviderSpan } from './request-span';

describe('recordProviderSpan', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

  beforeAll(() => trace.setGlobalTracerProvider(provider));
  afterAll(() => trace.disable());
  beforeEach(() => exporter.reset());

  it("should record a rejected refresh as an error client span under the caller's span", () => {
    const parent = provider.getTracer('test').startSpan('rpc vault.refresh');
    recordProviderSpan(
      {
        provider: 'TWITTER',
        operation: 'refresh',
        method: 'POST',
        url: 'https://api.x.com/2/oauth2/token',
        status: 400,
        durationMs: 12.5,
        error: null,
      },
      trace.setSpan(context.active(), parent),
    );
    parent.end();
    const span = exporter.getFinishedSpans().find((s) => s.name === 'provider refresh')!;
    expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(span.attributes).toEqual({
      'switchboard.platform': 'TWITTER',
      'switchboard.provider_operation': 'refresh',
      'http.request.method': 'POST',
      'url.full': 'https://api.x.com/2/oauth2/token',
      'http.response.status_code': 400,
    });
    expect(span.status).toEqual({ code: 2, message: 'HTTP 400' });
  });

  it('should name the network error when no response arrived', () => {
    recordProviderSpan({
      provider: 'TIKTOK',
      operation: 'exchange',
      method: 'POST',
      url: 'https://open.tiktokapis.com/v2/oauth/token/',
      status: null,
      durationMs: 10_000,
      error: 'timeout',
    });
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes['error.type']).toBe('timeout');
    expect(span?.attributes['http.response.status_code']).toBeUndefined();
    expect(span?.status.message).toBe('timeout');
  });
});

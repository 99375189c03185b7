import { findSecrets, freePort, waitFor } from '@switchboard/testing';
import { createServer, type Server } from 'node:http';
import { connectAccount, createTeam, type TeamFixture } from './support/flows';
import { SecretCollector } from './support/secrets';
import { System } from './support/system';

/** One span as the services export it (OTLP/HTTP JSON), with the service that produced it. */
interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  attributes: Record<string, string>;
}

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean };
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        attributes?: OtlpAttribute[];
      }[];
    }[];
  }[];
}

function attributes(list: OtlpAttribute[] = []): Record<string, string> {
  return Object.fromEntries(
    list.map((a) => [a.key, String(a.value.stringValue ?? a.value.intValue ?? a.value.boolValue)]),
  );
}

/** An OTLP/HTTP JSON receiver in the test process: every span the five services export. */
class SpanCollector {
  readonly spans: ExportedSpan[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    const port = await freePort();
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.url === '/v1/traces') this.add(JSON.parse(Buffer.concat(chunks).toString()));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${port}/v1/traces`;
  }

  trace(traceId: string): ExportedSpan[] {
    return this.spans.filter((s) => s.traceId === traceId);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private add(body: OtlpExport): void {
    for (const rs of body.resourceSpans ?? []) {
      const service = attributes(rs.resource?.attributes)['service.name'] ?? '?';
      for (const span of (rs.scopeSpans ?? []).flatMap((s) => s.spans ?? [])) {
        this.spans.push({
          service,
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? '',
          name: span.name,
          attributes: attributes(span.attributes),
        });
      }
    }
  }
}

/**
 * A scheduled refresh that the platform rejects, followed through every service by its trace:
 * the scheduler's refresh, its `vault.refresh` call, the vault's handling of it with the
 * platform's HTTP call, and the
 * `RefreshFailed` event (traceparent kept through the outbox and NATS headers) consumed by the
 * gateway and the notifier — one trace, one tree, the trace id on the timeline, no secret in any
 * span attribute.
 */
describe('tracing: a refresh failure in one trace', () => {
  const collector = new SpanCollector();
  let system: System;
  let team: TeamFixture;
  let secrets: SecretCollector;

  beforeAll(async () => {
    await collector.start();
    system = new System({
      env: {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collector.url,
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    });
    await system.start();
    secrets = new SecretCollector(system.databaseUrl, system.keyringFile);
    secrets.add(system.adminKey);
    await system.sandbox.ttl('TWITTER', 6);
    team = await createTeam(system.api, 'Tracing team');
  }, 180_000);

  afterAll(async () => {
    await system.stop();
    await collector.stop();
  });

  it('should follow a rejected refresh from the scheduler through the vault to the gateway, the notifier and its email', async () => {
    const { visited } = await connectAccount(system.api, team, { type: 'TWITTER', user: 'trace' });
    visited.forEach((u) => secrets.fromUrl(u));
    await secrets.vaultTokens();
    const listed = await system.api.get<{ items: { id: string }[] }>(
      `/api/v1/social-account?teamId=${team.teamId}`,
    );
    const accountId = listed.body.items[0].id;
    await system.sandbox.fail('TWITTER', 'invalid_grant', 1);

    type Entry = { kind: string; outcome: string | null; traceId: string | null };
    const failed = await waitFor(
      async () => {
        const res = await system.api.get<{ items: Entry[] }>(
          `/api/v1/social-account/${accountId}/timeline`,
        );
        return res.body.items.find((e) => e.outcome === 'reauth_required' && e.traceId);
      },
      { timeoutMs: 40_000, what: 'the rejected refresh on the timeline' },
    );
    await waitFor(
      async () => ((await system.sandbox.mail(team.memberEmail)).length > 0 ? true : undefined),
      { timeoutMs: 20_000, what: 'the warning email' },
    );

    const traceId = failed.traceId!;
    const expected = [
      ['refresh-scheduler', 'scheduler.refresh'],
      ['refresh-scheduler', 'rpc call vault.refresh'],
      ['token-vault', 'rpc vault.refresh'],
      ['token-vault', 'provider refresh'],
      ['gateway', 'consume switchboard.token.refresh_failed.v1'],
      ['notifier', 'consume switchboard.token.refresh_failed.v1'],
      ['notifier', 'email send'],
    ];
    const spans = await waitFor(
      () => {
        const trace = collector.trace(traceId);
        const names = trace.map((s) => `${s.service} ${s.name}`);
        return expected.every(([svc, name]) => names.some((n) => n.endsWith(`${svc} ${name}`)))
          ? trace
          : undefined;
      },
      { timeoutMs: 20_000, what: `the spans of trace ${traceId}` },
    );

    // one tree: every span's parent is in the trace, except the scheduler's root
    const ids = new Set(spans.map((s) => s.spanId));
    const roots = spans.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId));
    expect(roots.map((s) => `${s.service} ${s.name}`)).toEqual([
      'refresh-scheduler scheduler.refresh',
    ]);
    const root = roots[0];
    expect(root.attributes['switchboard.platform']).toBe('TWITTER');
    const byName = (svc: string, name: string) =>
      spans.find((s) => s.service === svc && s.name === name)!;
    const vault = byName('token-vault', 'rpc vault.refresh');
    const call = byName('refresh-scheduler', 'rpc call vault.refresh');
    expect(vault.parentSpanId).toBe(call.spanId);
    // the platform's answer, under the vault's refresh: status and platform, never a token
    const platform = spans.find(
      (s) => s.name === 'provider refresh' && s.attributes['http.response.status_code'] === '400',
    )!;
    expect(platform.service).toBe('token-vault');
    expect(platform.parentSpanId).toBe(vault.spanId);
    expect(platform.attributes).toMatchObject({
      'switchboard.platform': 'TWITTER',
      'http.request.method': 'POST',
    });
    expect(platform.attributes['url.full']).not.toContain('?');

    // …and out to the user: the email, sent later from the notifier's queue, in the same trace
    const consumed = byName('notifier', 'consume switchboard.token.refresh_failed.v1');
    const emails = spans.filter((s) => s.service === 'notifier' && s.name === 'email send');
    expect(emails.length).toBeGreaterThanOrEqual(1);
    for (const email of emails) {
      expect(email.parentSpanId).toBe(consumed.spanId);
      expect(JSON.stringify(email.attributes)).not.toContain(team.memberEmail);
    }

    await secrets.vaultTokens();
    const values = collector.spans.flatMap((s) => Object.values(s.attributes));
    expect(secrets.size).toBeGreaterThan(1);
    expect(findSecrets(values, secrets.list())).toEqual([]);
  });
});

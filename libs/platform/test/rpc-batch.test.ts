import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomStrategy, NatsContext } from '@nestjs/microservices';
import { CodedError, defineRpc } from '@switchboard/contracts';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { repoRoot, startNatsServer, type OwnNats } from '@switchboard/testing';
import { connect, headers as natsHeaders, type NatsConnection } from 'nats';
import { join } from 'node:path';
import { z } from 'zod';
import { CALLER_HEADER } from '../src/nats/nats-auth';
import { NatsRpcServer } from '../src/rpc/nats-rpc.server';
import { RpcClient } from '../src/rpc/rpc.client';
import { RpcHandler } from '../src/rpc/rpc-handler.decorator';
import { natsTransportOptions } from '../src/rpc/rpc.module';
import { BATCH_HEADER } from '../src/rpc/rpc-wire';
import { startTelemetry } from '../src/telemetry/telemetry';

// a subject the gateway may call and only the vault may answer (deploy/nats/permissions.conf)
const Echo = defineRpc(
  'vault.token.get',
  z.strictObject({ n: z.number().int(), delayMs: z.number().int().min(0) }),
  z.strictObject({ n: z.number().int(), caller: z.string(), traceparent: z.string() }),
);

let messages = 0;
let batches = 0;

@Controller()
class EchoController {
  @RpcHandler(Echo)
  async echo(req: { n: number; delayMs: number }, ctx: NatsContext) {
    if (req.n < 0) throw new CodedError('not-found', `no ${req.n}`);
    await new Promise((r) => setTimeout(r, req.delayMs));
    const h = ctx.getHeaders() as { get(name: string): string };
    return { n: req.n, caller: h.get(CALLER_HEADER), traceparent: h.get('traceparent') };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

const password = (user: string) => `dev-${user}`;
const conf = join(repoRoot(), 'deploy/nats/dev.conf');

/**
 * RpcClient → NatsRpcServer through a nats-server running the shipped configuration: the calls to
 * one subject made in one turn leave as one batch message, and each gets its own reply — as soon
 * as it is ready, and within the responders' `allow_responses` limit.
 */
describe('RPC batches (RpcTransport + NatsRpcServer)', () => {
  let nats: OwnNats;
  let server: INestMicroservice;
  let client: RpcClient;
  let clientNc: NatsConnection;
  let spy: NatsConnection;
  let sdk: NodeSDK;
  const spans = new InMemorySpanExporter();
  const connectAs = (user: string) =>
    connect({ servers: nats.url, user, pass: password(user), inboxPrefix: `_INBOX.${user}` });

  beforeAll(async () => {
    sdk = startTelemetry('rpc-batch-test', { spanProcessors: [new SimpleSpanProcessor(spans)] });
    nats = await startNatsServer({
      configFile: conf,
      probeAuth: {
        user: 'token-vault',
        pass: password('token-vault'),
        inboxPrefix: '_INBOX.token-vault',
      },
    });
    server = await NestFactory.createMicroservice<CustomStrategy>(EchoModule, {
      strategy: new NatsRpcServer(
        natsTransportOptions(nats.url, 'batch-test-vault', 'token-vault', {
          user: 'token-vault',
          password: password('token-vault'),
        }),
      ),
      logger: false,
    });
    await server.listen();
    // only the vault's own user may listen on vault subjects: it watches what arrives
    spy = await connectAs('token-vault');
    const sub = spy.subscribe('vault.token.get');
    void (async () => {
      for await (const m of sub) {
        messages += 1;
        if (m.headers?.get(BATCH_HEADER)) batches += 1;
      }
    })();
    await spy.flush();
    clientNc = await connectAs('gateway');
    client = new RpcClient(clientNc, 'gateway');
  }, 60_000);

  afterAll(async () => {
    await clientNc?.close();
    await spy?.close();
    await server?.close();
    await nats?.close();
    await sdk?.shutdown();
  });

  beforeEach(() => {
    messages = 0;
    batches = 0;
  });

  it('should send 64 calls of one turn as one message and answer every call', async () => {
    const replies = await Promise.all(
      Array.from({ length: 64 }, (_, n) => client.call(Echo, { n, delayMs: 0 })),
    );
    expect(replies.map((r) => r.n)).toEqual(Array.from({ length: 64 }, (_, n) => n));
    expect(replies.every((r) => r.caller === 'gateway')).toBe(true);
    expect({ messages, batches }).toEqual({ messages: 1, batches: 1 });
  });

  it('should split a turn of 100 calls into batches of at most 64', async () => {
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, n) => client.call(Echo, { n, delayMs: 0 })),
    );
    expect(replies).toHaveLength(100);
    expect({ messages, batches }).toEqual({ messages: 2, batches: 2 });
  });

  it('should answer a fast call of a batch without waiting for a slow one', async () => {
    const started = Date.now();
    const slow = client.call(Echo, { n: 1, delayMs: 1500 });
    const fast = await client.call(Echo, { n: 2, delayMs: 0 });
    expect(fast.n).toBe(2);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await slow).n).toBe(1);
    expect(batches).toBe(1);
  });

  it('should fail only the call whose handler failed, with its own error code', async () => {
    const results = await Promise.allSettled([
      client.call(Echo, { n: 1, delayMs: 0 }),
      client.call(Echo, { n: -1, delayMs: 0 }),
      client.call(Echo, { n: 3, delayMs: 0 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'not-found' });
  });

  it('should keep each call in its own trace', async () => {
    spans.reset();
    const replies = await Promise.all([1, 2, 3].map((n) => client.call(Echo, { n, delayMs: 0 })));
    expect(batches).toBe(1);
    const finished = spans.getFinishedSpans();
    const callers = finished.filter((s) => s.name === 'rpc call vault.token.get');
    const handlers = finished.filter((s) => s.name === 'rpc vault.token.get');
    const traceIds = replies.map((r) => r.traceparent.split('-')[1]);
    expect(new Set(traceIds).size).toBe(3);
    expect(traceIds.sort()).toEqual(callers.map((s) => s.spanContext().traceId).sort());
    // each handler's span is the child of its own caller's span
    expect(
      handlers.map((h) => `${h.spanContext().traceId}/${h.parentSpanContext?.spanId}`).sort(),
    ).toEqual(callers.map((c) => `${c.spanContext().traceId}/${c.spanContext().spanId}`).sort());
  });

  it('should time out the calls a batch leaves unanswered', async () => {
    const results = await Promise.allSettled(
      [1, 2].map((n) => client.call(Echo, { n, delayMs: 800 }, { timeoutMs: 300 })),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'timeout' });
    // the late replies arrive after the callers gave up, and change nothing
    await new Promise((r) => setTimeout(r, 700));
  });

  it('should report no responder at once for every call of a batch', async () => {
    const Nobody = defineRpc('vault.keys.status', z.strictObject({}), z.strictObject({}));
    const ops = await connectAs('ops');
    try {
      const opsClient = new RpcClient(ops, 'ops');
      const started = Date.now();
      const results = await Promise.allSettled([1, 2].map(() => opsClient.call(Nobody, {})));
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect((results[0] as PromiseRejectedResult).reason).toMatchObject({
        code: 'service-unavailable',
      });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await ops.close();
    }
  });

  it('should still answer a single call sent the old way (one request, one reply)', async () => {
    const h = natsHeaders();
    h.set(CALLER_HEADER, 'gateway');
    const reply = await clientNc.request(
      'vault.token.get',
      Buffer.from(
        JSON.stringify({ pattern: 'vault.token.get', data: { n: 7, delayMs: 0 }, id: 'x' }),
      ),
      { timeout: 2000, headers: h },
    );
    expect(JSON.parse(Buffer.from(reply.data).toString())).toMatchObject({
      id: 'x',
      response: { ok: true, data: { n: 7, caller: 'gateway' } },
    });
  });
});

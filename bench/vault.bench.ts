/**
 * `npm run bench:vault` — `vault.token.get` over NATS (a real token-vault process, called the way
 * the gateway calls it: `RpcClient`, request and reply validated on both sides) against an
 * in-process baseline doing the same PostgreSQL read + decrypt (the vault's own
 * `CredentialsService.getToken`, wired on the same database with the vault's pool size,
 * `DB_POOL_SIZE`), in one run.
 *
 * Both sides run at the same concurrency on the same credentials, after the same warm-up, in
 * alternating rounds (baseline, NATS, baseline, NATS…) so that whatever else the machine is doing
 * weighs on both alike. Printed: throughput and p50/p99 of each, the ratios against the target
 * (NATS throughput ≥ 50 % of the baseline, NATS p99 ≤ 2 × the baseline's), and CPU milliseconds
 * per call in this process and in the vault process (user + kernel, from `process.cpuUsage()` and
 * the vault's `process_cpu_*_seconds_total`). A third side, "lean client", calls the same vault
 * with plain nats.js request/reply (one muxed inbox, same framing and validation) to show how much
 * of the cost is the client rather than the hop and the vault.
 *
 * Env: BENCH_CREDENTIALS (1000), BENCH_CONCURRENCY (32), BENCH_ROUNDS (4), BENCH_ROUND_MS (5000),
 * BENCH_WARMUP (3000 calls per side), BENCH_TELEMETRY (1: OpenTelemetry started in this process,
 * as in every service), BENCH_PROFILE_DIR (a V8 tick log of the vault there). Needs PostgreSQL and
 * NATS like the integration tests.
 */
import {
  RpcResultSchema,
  VaultCredentialsPut,
  VaultTokenGet,
  type AnyRpc,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { connect, headers as natsHeaders, type NatsConnection } from 'nats';
import { Logger } from '@nestjs/common';
import { OutboxService } from '@switchboard/bus';
import { connectNats, dataSourceOptions, RpcClient, startTelemetry } from '@switchboard/platform';
import { createProviderRegistry } from '@switchboard/providers';
import {
  freePort,
  killAll,
  minimalEnv,
  repoRoot,
  spawnManaged,
  spawnProcess,
  testNatsUrl,
  testPostgres,
  uniqueNamespace,
  waitForHttp,
  type ManagedProcess,
} from '@switchboard/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DecryptAudit } from '../services/token-vault/src/audit/decrypt-audit';
import { VaultEnvSchema } from '../services/token-vault/src/config';
import { CredentialRepository } from '../services/token-vault/src/credentials/credential.repository';
import { CredentialStore } from '../services/token-vault/src/credentials/credential-store';
import { CredentialsService } from '../services/token-vault/src/credentials/credentials.service';
import { Envelope } from '../services/token-vault/src/crypto/envelope';
import { FileKeyring } from '../services/token-vault/src/crypto/keyring';
import { KeyRingRepository } from '../services/token-vault/src/keys/key-ring.repository';
import { KeyRingService } from '../services/token-vault/src/keys/key-ring.service';
import { SealedTables } from '../services/token-vault/src/keys/sealed-tables';
import { RefreshService } from '../services/token-vault/src/refresh/refresh.service';

const CREDENTIALS = Number(process.env.BENCH_CREDENTIALS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 5000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3000);
const TELEMETRY = process.env.BENCH_TELEMETRY !== '0';

const log = (msg: string) => process.stdout.write(`${msg}\n`);

type TokenGet = (connectionId: string) => Promise<unknown>;

interface Sample {
  ops: number;
  ms: number;
  latencies: number[];
  /** CPU time of this process, and of the vault process (its /metrics), per call (ms). */
  cpuHereMs: number;
  cpuHereSystemMs: number;
  cpuVaultMs: number;
  cpuVaultSystemMs: number;
}

let vaultMetricsUrl = '';

async function vaultCpuSeconds(): Promise<{ user: number; system: number }> {
  const text = await (await fetch(vaultMetricsUrl)).text();
  const read = (name: string) =>
    Number(
      text
        .split('\n')
        .find((l) => l.startsWith(name))
        ?.split(' ')
        .pop() ?? 0,
    );
  return {
    user: read('process_cpu_user_seconds_total'),
    system: read('process_cpu_system_seconds_total'),
  };
}

/** Runs `call` with `CONCURRENCY` in flight until `durationMs` (or `count` calls) elapse. */
async function drive(
  call: TokenGet,
  ids: string[],
  limit: { durationMs?: number; count?: number },
): Promise<Sample> {
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const vaultBefore = await vaultCpuSeconds();
  const started = performance.now();
  const until = limit.durationMs === undefined ? Infinity : started + limit.durationMs;
  let issued = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      let i = worker;
      while (performance.now() < until && (limit.count === undefined || issued < limit.count)) {
        issued += 1;
        const id = ids[(i * 7919) % ids.length];
        i += CONCURRENCY;
        const t0 = performance.now();
        try {
          await call(id);
        } catch {
          failures += 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  if (failures > 0) throw new Error(`${failures} calls failed`);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const vaultAfter = await vaultCpuSeconds();
  const n = latencies.length;
  return {
    ops: n,
    ms,
    latencies,
    cpuHereMs: (cpu.user + cpu.system) / 1000 / n,
    cpuHereSystemMs: cpu.system / 1000 / n,
    cpuVaultMs:
      ((vaultAfter.user - vaultBefore.user + vaultAfter.system - vaultBefore.system) * 1000) / n,
    cpuVaultSystemMs: ((vaultAfter.system - vaultBefore.system) * 1000) / n,
  };
}

const mean = (xs: number[]) => Number((xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3));

function summarize(samples: Sample[]) {
  const all = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const ops = samples.reduce((n, s) => n + s.ops, 0);
  const ms = samples.reduce((n, s) => n + s.ms, 0);
  const pct = (p: number) => all[Math.min(all.length - 1, Math.floor((p / 100) * all.length))];
  return {
    calls: ops,
    throughputPerS: Math.round((ops / ms) * 1000),
    p50Ms: Number(pct(50).toFixed(3)),
    p99Ms: Number(pct(99).toFixed(3)),
    p90Ms: Number(pct(90).toFixed(3)),
    p999Ms: Number(pct(99.9).toFixed(3)),
    perRoundPerS: samples.map((s) => Math.round((s.ops / s.ms) * 1000)),
    cpuMsPerCall: {
      thisProcess: mean(samples.map((s) => s.cpuHereMs)),
      thisProcessKernel: mean(samples.map((s) => s.cpuHereSystemMs)),
      vaultProcess: mean(samples.map((s) => s.cpuVaultMs)),
      vaultProcessKernel: mean(samples.map((s) => s.cpuVaultSystemMs)),
    },
  };
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  // this process stands for a service (the gateway): telemetry on, as in every service process
  if (TELEMETRY) startTelemetry('bench-vault');
  const pg = await testPostgres();
  const natsUrl = await testNatsUrl();
  const db = await pg.createDatabase('bench_vault');
  const namespace = uniqueNamespace('bench');
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-vault-'));
  const keyringFile = join(dir, 'keyring.json');
  writeFileSync(
    keyringFile,
    JSON.stringify({
      activeKeyId: 'bench-1',
      keys: { 'bench-1': randomBytes(32).toString('base64') },
    }),
    { mode: 0o600 },
  );
  const port = await freePort();
  const env = {
    DATABASE_URL: db.url,
    NATS_URL: natsUrl,
    NATS_NAMESPACE: namespace,
    VAULT_KEYRING_FILE: keyringFile,
    LOG_LEVEL: 'warn',
    HTTP_PORT: String(port),
  };
  let vault: ManagedProcess | undefined;
  const closers: (() => Promise<unknown>)[] = [];
  try {
    // BENCH_PROFILE_DIR=<dir>: the vault's CPU profile (.cpuprofile) lands there at its clean stop
    const profile = process.env.BENCH_PROFILE_DIR;
    vault = profile
      ? await spawnManaged({
          name: 'bench-token-vault',
          command: process.execPath,
          args: [
            '--cpu-prof',
            '--cpu-prof-dir',
            profile,
            '-r',
            join(repoRoot(), 'tools/register.js'),
            join(repoRoot(), 'services/token-vault/src/main.ts'),
          ],
          env: { ...minimalEnv(), ...env },
          cwd: profile,
        })
      : await spawnProcess({
          name: 'bench-token-vault',
          entry: 'services/token-vault/src/main.ts',
          env,
        });
    await waitForHttp(`http://127.0.0.1:${port}/health/ready`, { timeoutMs: 60_000 });
    vaultMetricsUrl = `http://127.0.0.1:${port}/metrics`;

    // the gateway's way of calling the vault
    process.env.NATS_NAMESPACE = namespace;
    const rpcNats = await connectNats({ url: natsUrl, name: 'bench-client' });
    const rpc = new RpcClient(rpcNats, 'gateway');
    closers.push(() => rpc.onApplicationShutdown());

    const teamId = randomUUID();
    const ids = Array.from({ length: CREDENTIALS }, () => randomUUID());
    const seedStarted = Date.now();
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(
        ids.slice(i, i + 50).map((connectionId) =>
          rpc.call(VaultCredentialsPut, {
            connectionId,
            teamId,
            type: 'TWITTER',
            externalId: `ext-${connectionId.slice(0, 8)}`,
            credential: {
              accessToken: `at-${randomBytes(24).toString('base64url')}`,
              refreshToken: `rt-${randomBytes(24).toString('base64url')}`,
              tokenType: 'bearer',
              expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
              refreshExpiresAt: null,
              scopes: ['tweet.read', 'users.read', 'offline.access'],
              extra: {},
            },
          }),
        ),
      );
    }
    log(`seeded ${CREDENTIALS} credentials through the vault in ${Date.now() - seedStarted} ms`);

    // the baseline: the vault's own read + decrypt, in this process, on the same database
    const vaultEnv = VaultEnvSchema.parse({ ...env, VAULT_AUDIT_FLUSH_MS: '200' });
    const dataSource = new DataSource(
      dataSourceOptions({
        url: db.url,
        schema: 'token_vault',
        entities: [],
        migrations: [],
        poolSize: vaultEnv.DB_POOL_SIZE,
      }),
    );
    await dataSource.initialize();
    closers.push(() => dataSource.destroy());
    const keys = FileKeyring.fromFile(keyringFile);
    const envelope = new Envelope(keys);
    const keyRing = new KeyRingService(
      dataSource,
      new KeyRingRepository(dataSource),
      new SealedTables(dataSource),
      envelope,
      keys,
      vaultEnv,
    );
    await keyRing.onModuleInit();
    closers.push(() => Promise.resolve(keyRing.onModuleDestroy()));
    const audit = new DecryptAudit(vaultEnv);
    audit.onModuleInit();
    closers.push(async () => {
      await audit.beforeApplicationShutdown();
      await audit.onApplicationShutdown();
    });
    const repo = new CredentialRepository(dataSource);
    const store = new CredentialStore(envelope);
    const outbox = new OutboxService({ schema: 'token_vault', source: 'bench', service: 'bench' });
    const providers = createProviderRegistry({ env: {} });
    const refresher = new RefreshService(
      dataSource,
      repo,
      store,
      keyRing,
      outbox,
      audit,
      providers,
      vaultEnv,
    );
    const credentials = new CredentialsService(
      dataSource,
      repo,
      store,
      keyRing,
      refresher,
      audit,
      vaultEnv,
    );

    const nc = await connect({ servers: natsUrl, name: 'bench-lean' });
    closers.push(() => nc.close());
    const lean = leanCall(nc, namespace);
    const overNatsLean: TokenGet = (connectionId) =>
      lean(VaultTokenGet, { connectionId, teamId, purpose: 'bench' });

    const inProcess: TokenGet = (connectionId) =>
      credentials.getToken({ connectionId, teamId, purpose: 'bench' }, 'gateway');
    const overNats: TokenGet = (connectionId) =>
      rpc.call(VaultTokenGet, { connectionId, teamId, purpose: 'bench' });

    log(`warm-up: ${WARMUP} calls each`);
    await drive(inProcess, ids, { count: WARMUP });
    await drive(overNats, ids, { count: WARMUP });
    await drive(overNatsLean, ids, { count: WARMUP });

    const baseline: Sample[] = [];
    const nats: Sample[] = [];
    const natsLean: Sample[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      baseline.push(await drive(inProcess, ids, { durationMs: ROUND_MS }));
      nats.push(await drive(overNats, ids, { durationMs: ROUND_MS }));
      natsLean.push(await drive(overNatsLean, ids, { durationMs: ROUND_MS }));
      log(
        `round ${round}/${ROUNDS}: in-process ${Math.round((baseline.at(-1)!.ops / ROUND_MS) * 1000)}/s, ` +
          `over NATS ${Math.round((nats.at(-1)!.ops / ROUND_MS) * 1000)}/s, ` +
          `lean ${Math.round((natsLean.at(-1)!.ops / ROUND_MS) * 1000)}/s`,
      );
    }
    const b = summarize(baseline);
    const n = summarize(nats);
    const l = summarize(natsLean);
    log(`lean client: ${JSON.stringify(l)}`);
    const throughputRatio = n.throughputPerS / b.throughputPerS;
    const p99Ratio = n.p99Ms / b.p99Ms;
    const result = {
      machine: {
        cpus: cpus().length,
        node: process.version,
        loadavg1m: Number(loadavg()[0].toFixed(2)),
      },
      credentials: CREDENTIALS,
      concurrency: CONCURRENCY,
      telemetryInThisProcess: TELEMETRY,
      rounds: ROUNDS,
      roundMs: ROUND_MS,
      inProcess: b,
      overNats: n,
      ratios: {
        throughput: Number(throughputRatio.toFixed(3)),
        p50: Number((n.p50Ms / b.p50Ms).toFixed(3)),
        p99: Number(p99Ratio.toFixed(3)),
      },
      target: {
        throughputAtLeastHalf: throughputRatio >= 0.5,
        p99WithinTwice: p99Ratio <= 2,
      },
    };
    log(JSON.stringify(result, null, 2));
    log(
      `vault.token.get over NATS: ${n.throughputPerS}/s (p50 ${n.p50Ms} ms, p99 ${n.p99Ms} ms) vs in-process ` +
        `${b.throughputPerS}/s (p50 ${b.p50Ms} ms, p99 ${b.p99Ms} ms): throughput ×${result.ratios.throughput}, ` +
        `p99 ×${result.ratios.p99} — target ${result.target.throughputAtLeastHalf && result.target.p99WithinTwice ? 'met' : 'MISSED'}`,
    );
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await vault?.stop();
    await killAll();
    await db.drop().catch(() => undefined);
  }
}

/** nats.js request/reply (one muxed inbox), Nest's framing, reply validated: a lean RpcClient. */
function leanCall(nc: NatsConnection, namespace: string) {
  return async <C extends AnyRpc>(contract: C, request: RpcRequest<C>): Promise<RpcReply<C>> => {
    const pattern = `${namespace}.${contract.subject}`;
    const data = contract.request.parse(request);
    const h = natsHeaders();
    h.set('x-switchboard-caller', 'gateway');
    const msg = await nc.request(pattern, JSON.stringify({ pattern, data, id: randomUUID() }), {
      timeout: 10_000,
      headers: h,
    });
    const packet = JSON.parse(new TextDecoder().decode(msg.data)) as { response: unknown };
    const result = RpcResultSchema.parse(packet.response);
    if (!result.ok) throw new Error(result.error.code);
    return contract.reply.parse(result.data) as RpcReply<C>;
  };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench:vault failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);

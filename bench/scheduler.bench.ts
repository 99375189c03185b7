/**
 * `npm run bench:scheduler` — the refresh scheduler against the provider sandbox, on this machine:
 *
 * 1. 100,000 connections due at once: refreshes per second with one scheduler replica and with
 *    two, and a bare loop calling the sandbox's refresh endpoint at the same concurrency in the
 *    same run; the ratios; CPU milliseconds per refresh in the scheduler(s) and in the vault
 *    (from each process's `process_cpu_seconds_total`), and a check that no work was done twice.
 * 2. The claim query's latency with 10,000 and with 1,000,000 schedule rows.
 *
 * Env: BENCH_CONNECTIONS (100000), BENCH_CONCURRENCY (256, the scheduler's default: per replica, and the bare loop's),
 * BENCH_PROVIDER_LATENCY_MS (0: the sandbox answers at once; a real token endpoint takes
 * 100-300 ms), BENCH_CLAIM_ROWS (1000000), BENCH_SKIP_REFRESH / BENCH_SKIP_CLAIM (1 to skip),
 * BENCH_PROFILE_DIR (write CPU profiles of the services there).
 * Needs PostgreSQL and NATS like the integration tests (DATABASE_URL / NATS_URL, else localhost).
 */
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
  type TestDatabase,
} from '@switchboard/testing';
import { migrate } from '@switchboard/platform';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CLAIM_QUERY } from '../services/refresh-scheduler/src/claims/claim.repository';
import { Init1763769600000 } from '../services/refresh-scheduler/src/migrations/1763769600000-init';
import { RefreshAtScale1763900000000 } from '../services/refresh-scheduler/src/migrations/1763900000000-refresh-at-scale';
import { ConnectionSeeder, mintGrants, type MintedGrant } from '../test/support/scheduler-seed';

const N = Number(process.env.BENCH_CONNECTIONS ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 256);
const LATENCY_MS = Number(process.env.BENCH_PROVIDER_LATENCY_MS ?? 0);
const CLAIM_ROWS = Number(process.env.BENCH_CLAIM_ROWS ?? 1_000_000);
const SANDBOX_CLIENT = 'sandbox-twitter-client';
const SANDBOX_SECRET = 'sandbox-twitter-secret';

const log = (msg: string) => process.stdout.write(`${msg}\n`);

async function main(): Promise<void> {
  const pg = await testPostgres();
  const natsUrl = await testNatsUrl();
  const results: Record<string, unknown> = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    connections: N,
    concurrency: CONCURRENCY,
    providerLatencyMs: LATENCY_MS,
  };
  try {
    if (process.env.BENCH_SKIP_REFRESH !== '1') {
      results.refresh = await refreshBench(await pg.createDatabase('bench_refresh'), natsUrl);
    }
    if (process.env.BENCH_SKIP_CLAIM !== '1') {
      results.claim = await claimBench(await pg.createDatabase('bench_claim'));
    }
  } finally {
    await killAll();
  }
  log(`\n${JSON.stringify(results, null, 2)}`);
}

// ---------------------------------------------------------------- refreshes per second

interface Phase {
  refreshes: number;
  seconds: number;
  perSecond: number;
  /** After the last refresh, until the schedulers had consumed every TokenRefreshed. */
  eventsDrainedSeconds?: number;
  cpuMsPerRefresh?: {
    scheduler: number;
    vault: number;
    sandbox?: number;
    postgres?: number;
    natsServer?: number;
  };
  claimQueriesPerRefresh?: number;
  commitsPerRefresh?: number;
  meanBatch?: Record<string, number>;
  /** How the schedulers took the events they consumed, per refresh. */
  eventsPerRefresh?: Record<string, number>;
  duplicates?: number;
}

async function refreshBench(db: TestDatabase, natsUrl: string): Promise<Record<string, unknown>> {
  const ns = uniqueNamespace('bench');
  const sandboxPort = await freePort();
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const env = serviceEnv(db.url, natsUrl, ns, sandboxUrl);
  try {
    const sandboxProc = await start(
      'sandbox',
      'tools/provider-sandbox/src/main.ts',
      {
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_SMTP_PORT: String(await freePort()),
      },
      `${sandboxUrl}/_sandbox/stats`,
    );
    await control(sandboxUrl, '/ttl', { type: 'TWITTER', accessTtlSeconds: 6 * 3600 });
    const vault = await startService('token-vault', env);

    log(`minting ${N} grants for the vault and ${N} for the bare loop…`);
    const forVault = await mintGrants(sandboxUrl, 'TWITTER', N, 'empty-vault');
    const forLoop = await mintGrants(sandboxUrl, 'TWITTER', N, 'empty-loop');

    log(`storing ${N} credentials through vault.credentials.put…`);
    const teamId = randomUUID();
    const seeder = await ConnectionSeeder.open(natsUrl, ns);
    const seedStart = Date.now();
    const stored = await Promise.all(
      chunks(forVault, Math.ceil(N / 64)).map(async (part) => {
        const out = [];
        for (const g of part) out.push(await seeder.store(teamId, 'TWITTER', g));
        return out;
      }),
    );
    await seeder.close();
    const seedSeconds = (Date.now() - seedStart) / 1000;
    log(`  ${Math.round(N / seedSeconds)} puts/s`);

    const scheduler1 = await startService('refresh-scheduler', env);
    await insertSchedule(db.url, stored.flat());
    await control(sandboxUrl, '/latency', { type: 'TWITTER', ms: LATENCY_MS });

    log(`bare loop: ${N} refreshes at concurrency ${CONCURRENCY}…`);
    const bare = await bareLoop(sandboxUrl, forLoop);
    log(`  ${bare.perSecond}/s`);

    log('one replica…');
    const sandbox = { url: sandboxUrl, pid: sandboxProc.pid };
    const one = await phase(db.url, sandbox, [scheduler1], vault, 2);
    log(`  ${one.perSecond}/s`);

    log('two replicas…');
    const scheduler2 = await startService('refresh-scheduler', env, 2);
    const two = await phase(db.url, sandbox, [scheduler1, scheduler2], vault, 3);
    log(`  ${two.perSecond}/s`);

    const stats = (await (await fetch(`${sandboxUrl}/_sandbox/stats`)).json()) as {
      refreshTokenReuse: number;
    };
    // a clean stop writes the CPU profiles (BENCH_PROFILE_DIR)
    await Promise.all([scheduler1, scheduler2, vault].map((s) => s.proc.stop()));
    return {
      seedPutsPerSecond: Math.round(N / seedSeconds),
      bareLoop: bare,
      oneReplica: one,
      twoReplicas: two,
      ratios: {
        oneReplicaVsBareLoop: round(one.perSecond / bare.perSecond, 2),
        twoReplicasVsBareLoop: round(two.perSecond / bare.perSecond, 2),
        twoReplicasVsOne: round(two.perSecond / one.perSecond, 2),
      },
      refreshTokenReuse: stats.refreshTokenReuse,
    };
  } finally {
    await killAll();
    await db.drop().catch(() => undefined);
  }
}

/** The sandbox's refresh endpoint called directly, `CONCURRENCY` at a time: the ceiling. */
async function bareLoop(sandboxUrl: string, grants: MintedGrant[]): Promise<Phase> {
  const auth = `Basic ${Buffer.from(`${SANDBOX_CLIENT}:${SANDBOX_SECRET}`).toString('base64')}`;
  let next = 0;
  let failures = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < grants.length) {
        const grant = grants[next++];
        const res = await fetch(`${sandboxUrl}/twitter/2/oauth2/token`, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: grant.refreshToken!,
          }).toString(),
        });
        await res.arrayBuffer();
        if (res.status !== 200) failures += 1;
      }
    }),
  );
  if (failures) throw new Error(`bare loop: ${failures} refreshes failed`);
  const seconds = (Date.now() - started) / 1000;
  return {
    refreshes: grants.length,
    seconds: round(seconds, 1),
    perSecond: Math.round(grants.length / seconds),
  };
}

/** Makes every row due at once and times until every credential is at `version`. */
async function phase(
  databaseUrl: string,
  sandbox: { url: string; pid: number },
  schedulers: Service[],
  vault: Service,
  version: number,
): Promise<Phase> {
  const sandboxUrl = sandbox.url;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    // the tokens have lived most of their life (the vault does not refresh fresh ones on schedule)
    await db.query(
      `UPDATE token_vault.credential SET issued_at = issued_at - interval '5 hours',
         refreshed_at = refreshed_at - interval '5 hours'`,
    );
    // every phase starts from the same table sizes: what the one before left (published events,
    // inbox rows, timeline lines, decrypt audit) goes, or the second phase would run on twice the
    // data — and at 100,000 connections, on more than fits in PostgreSQL's shared buffers
    await db.query('DELETE FROM token_vault.outbox WHERE published_at IS NOT NULL');
    await db.query(
      'TRUNCATE refresh_scheduler.inbox, refresh_scheduler.timeline, token_vault.decrypt_audit',
    );
    // and the dead rows are cleaned now, not by autovacuum mid-phase
    await db.query('VACUUM ANALYZE');
    const callsBefore = await refreshCalls(sandboxUrl);
    const othersBefore = otherCpu(sandbox.pid);
    const cpuBefore = await Promise.all([...schedulers, vault].map(cpuSeconds));
    const claimsBefore = await Promise.all(schedulers.map(claimQueries));
    const commitsBefore = await commits(db);
    const batchesBefore = await batchSizes([...schedulers, vault]);
    const consumedBefore = await consumed(schedulers);
    const started = Date.now();
    await db.query(`UPDATE refresh_scheduler.schedule SET next_due_at = now()`);
    // poll the sandbox's call counter (cheap), then confirm every credential moved on
    let done = 0;
    let progressAt = Date.now();
    while (done < N) {
      await new Promise((r) => setTimeout(r, 200));
      const calls = (await refreshCalls(sandboxUrl)) - callsBefore;
      if (calls > done) progressAt = Date.now();
      done = calls;
      if (Date.now() - progressAt > 60_000) throw new Error(`stuck at ${done} of ${N} refreshes`);
    }
    for (;;) {
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM token_vault.credential WHERE version >= $1`,
        [version],
      );
      if (Number(rows[0].n) >= N) break;
      if (Date.now() - progressAt > 60_000) throw new Error('credentials did not all move on');
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (Date.now() - started) / 1000;
    // every TokenRefreshed consumed before the CPU is read, so all the work a refresh causes counts
    for (;;) {
      const now = await consumed(schedulers);
      const taken = Object.entries(now)
        .filter(([outcome]) => outcome !== 'ignored')
        .reduce((sum, [outcome, n]) => sum + n - (consumedBefore[outcome] ?? 0), 0);
      if (taken >= N) break;
      if (Date.now() - started > seconds * 1000 + 120_000) {
        throw new Error(`events not consumed: ${taken} of ${N}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const eventsDrainedSeconds = (Date.now() - started) / 1000 - seconds;
    // let stragglers land before counting calls
    await new Promise((r) => setTimeout(r, 1000));
    const cpuAfter = await Promise.all([...schedulers, vault].map(cpuSeconds));
    const claimsAfter = await Promise.all(schedulers.map(claimQueries));
    const othersAfter = otherCpu(sandbox.pid);
    const commitsAfter = await commits(db);
    const batchesAfter = await batchSizes([...schedulers, vault]);
    const consumedAfter = await consumed(schedulers);
    const claims = claimsAfter.reduce((sum, after, i) => sum + after - claimsBefore[i], 0);
    const cpu = cpuAfter.map((after, i) => after - cpuBefore[i]);
    const vaultCpu = cpu.pop()!;
    const schedulerCpu = cpu.reduce((a, b) => a + b, 0);
    const calls = (await refreshCalls(sandboxUrl)) - callsBefore;
    const { rows: over } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM token_vault.credential WHERE version <> $1`,
      [version],
    );
    return {
      refreshes: N,
      seconds: round(seconds, 1),
      perSecond: Math.round(N / seconds),
      eventsDrainedSeconds: round(eventsDrainedSeconds, 1),
      cpuMsPerRefresh: {
        scheduler: round((schedulerCpu * 1000) / N, 2),
        vault: round((vaultCpu * 1000) / N, 2),
        ...(othersAfter && othersBefore
          ? {
              sandbox: round(((othersAfter.sandbox - othersBefore.sandbox) * 1000) / N, 2),
              postgres: round(((othersAfter.postgres - othersBefore.postgres) * 1000) / N, 2),
              natsServer: round(((othersAfter.nats - othersBefore.nats) * 1000) / N, 2),
            }
          : {}),
      },
      claimQueriesPerRefresh: round(claims / N, 3),
      commitsPerRefresh: round((commitsAfter - commitsBefore) / N, 2),
      meanBatch: Object.fromEntries(
        Object.entries(batchesAfter).map(([name, after]) => {
          const before = batchesBefore[name] ?? { sum: 0, count: 0 };
          return [
            name,
            round((after.sum - before.sum) / Math.max(1, after.count - before.count), 1),
          ];
        }),
      ),
      eventsPerRefresh: Object.fromEntries(
        Object.entries(consumedAfter).map(([k, v]) => [
          k,
          round((v - (consumedBefore[k] ?? 0)) / N, 2),
        ]),
      ),
      // a provider call beyond one per connection, or a credential refreshed twice
      duplicates: calls - N + Number(over[0].n),
    };
  } finally {
    await db.end();
  }
}

async function insertSchedule(
  databaseUrl: string,
  stored: {
    connectionId: string;
    teamId: string;
    credentialVersion: number;
    expiresAt: string | null;
  }[],
): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (const part of chunks(stored, 10_000)) {
      await db.query(
        `INSERT INTO refresh_scheduler.schedule
           (connection_id, team_id, type, credential_version, state, expires_at, refreshable,
            issued_at, next_due_at)
         SELECT c, t, 'TWITTER', v, 'scheduled', e, true, now(), 'infinity'
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::timestamptz[]) AS r(c, t, v, e)`,
        [
          part.map((s) => s.connectionId),
          part.map((s) => s.teamId),
          part.map((s) => s.credentialVersion),
          part.map((s) => s.expiresAt),
        ],
      );
    }
    await db.query('VACUUM ANALYZE refresh_scheduler.schedule');
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------- claim latency

/** Due X rows per round (fits the 10,000-row table, where a fifth of the rows are X's). */
const DUE_ROWS = 1500;
const CLAIM_BATCH = 100;
const CLAIM_ROUNDS = 6;

async function claimBench(db: TestDatabase): Promise<Record<string, unknown>> {
  const schema = 'refresh_scheduler';
  await migrate({
    url: db.url,
    schema,
    entities: [],
    migrations: [Init1763769600000, RefreshAtScale1763900000000],
  });
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const small = 10_000;
    log(`claim latency: ${small} rows…`);
    await fill(client, 0, small);
    const atSmall = await measureClaims(client);
    log(`claim latency: ${CLAIM_ROWS} rows…`);
    await fill(client, small, CLAIM_ROWS);
    const atLarge = await measureClaims(client);
    return {
      dueRows: DUE_ROWS,
      batch: CLAIM_BATCH,
      [`rows${small}`]: atSmall,
      [`rows${CLAIM_ROWS}`]: atLarge,
      ratioP50: round(atLarge.p50Ms / atSmall.p50Ms, 2),
      ratioMean: round(atLarge.meanMs / atSmall.meanMs, 2),
    };
  } finally {
    await client.end();
    await db.drop().catch(() => undefined);
  }
}

/** Rows `from`..`to`: spread over platforms and states, due in the next days (none due yet). */
async function fill(client: Client, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += 100_000) {
    await client.query(
      `INSERT INTO refresh_scheduler.schedule
         (connection_id, team_id, type, credential_version, state, expires_at, refreshable,
          issued_at, next_due_at)
       SELECT gen_random_uuid(), gen_random_uuid(),
         (ARRAY['TWITTER','TIKTOK','YOUTUBE','LINKEDIN','PINTEREST'])[1 + i % 5], 1,
         CASE WHEN i % 10 = 0 THEN 'not_refreshable' WHEN i % 25 = 0 THEN 'dead' ELSE 'scheduled' END,
         now() + interval '2 hours', true, now(),
         CASE WHEN i % 10 = 0 OR i % 25 = 0 THEN NULL
              ELSE now() + make_interval(secs => 60 + (i::bigint * 7919) % 604800) END
       FROM generate_series($1::int, $2::int - 1) AS i`,
      [start, Math.min(to, start + 100_000)],
    );
  }
  await client.query('VACUUM ANALYZE refresh_scheduler.schedule');
}

/**
 * Makes `DUE_ROWS` X rows due, then claims them all in batches as a replica would, timing each
 * claim; the claims move rows into their lease, so each one finds new due rows.
 */
async function measureClaims(
  client: Client,
): Promise<{ claims: number; p50Ms: number; p90Ms: number; meanMs: number }> {
  const makeDue = async () => {
    await client.query(
      `UPDATE refresh_scheduler.schedule SET next_due_at = now() - make_interval(secs => random() * 60),
         lease_owner = NULL
       WHERE connection_id IN (SELECT connection_id FROM refresh_scheduler.schedule
         WHERE type = 'TWITTER' AND state = 'scheduled' ORDER BY connection_id LIMIT ${DUE_ROWS})`,
    );
    await client.query('VACUUM ANALYZE refresh_scheduler.schedule');
  };
  await makeDue();
  for (let i = 0; i < 5; i++) await claim(client); // warm up
  const times: number[] = [];
  for (let round = 0; round < CLAIM_ROUNDS; round++) {
    await makeDue();
    for (;;) {
      const started = process.hrtime.bigint();
      const rows = await claim(client);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (rows < CLAIM_BATCH) break; // the last, partial claim
      times.push(ms);
    }
  }
  times.sort((a, b) => a - b);
  return {
    claims: times.length,
    p50Ms: round(times[Math.floor(times.length / 2)], 3),
    p90Ms: round(times[Math.floor(times.length * 0.9)], 3),
    meanMs: round(times.reduce((a, b) => a + b, 0) / times.length, 3),
  };
}

async function claim(client: Client): Promise<number> {
  const res = await client.query(CLAIM_QUERY, ['TWITTER', CLAIM_BATCH, 'bench:1', 30_000, []]);
  return res.rowCount ?? 0;
}

// ---------------------------------------------------------------- processes

interface Service {
  proc: ManagedProcess;
  port: number;
}

function serviceEnv(
  databaseUrl: string,
  natsUrl: string,
  ns: string,
  sandboxUrl: string,
): Record<string, string> {
  const keyring = join(mkdtempSync(join(tmpdir(), 'sb-bench-')), 'keyring.json');
  writeFileSync(
    keyring,
    JSON.stringify({
      activeKeyId: 'bench-1',
      keys: { 'bench-1': randomBytes(32).toString('base64') },
    }),
    { mode: 0o600 },
  );
  return {
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    NATS_NAMESPACE: ns,
    DEV_MODE: 'true',
    LOG_LEVEL: 'warn',
    SANDBOX_URL: sandboxUrl,
    VAULT_KEYRING_FILE: keyring,
    SCHEDULER_CONCURRENCY: String(CONCURRENCY),
    SCHEDULER_BATCH: String(Math.min(CONCURRENCY, 100)),
    SCHEDULER_POLL_MS: '100',
    SCHEDULER_POLICY_OVERRIDES: JSON.stringify({ TWITTER: { budget: { perSecond: 0, burst: 1 } } }),
  };
}

async function start(
  name: string,
  entry: string,
  env: Record<string, string>,
  readyUrl: string,
): Promise<ManagedProcess> {
  const profile = process.env.BENCH_PROFILE_DIR;
  const proc = profile
    ? await spawnManaged({
        name,
        command: process.execPath,
        args: [
          '--cpu-prof',
          `--cpu-prof-dir=${join(profile, name)}`,
          '-r',
          join(repoRoot(), 'tools', 'register.js'),
          join(repoRoot(), entry),
        ],
        env: { ...minimalEnv(), ...env },
        cwd: repoRoot(),
        maxLines: 200,
      })
    : await spawnProcess({ name, entry, env, maxLines: 200 });
  try {
    await waitForHttp(readyUrl, { timeoutMs: 60_000 });
  } catch (error) {
    throw new Error(
      `${name} did not start:\n${proc.lines.slice(-20).join('\n')}\n${String(error)}`,
    );
  }
  return proc;
}

async function startService(
  name: string,
  env: Record<string, string>,
  replica = 1,
): Promise<Service> {
  const port = await freePort();
  const proc = await start(
    replica > 1 ? `${name}#${replica}` : name,
    `services/${name}/src/main.ts`,
    { ...env, HTTP_PORT: String(port) },
    `http://127.0.0.1:${port}/health/ready`,
  );
  return { proc, port };
}

/** The sum of a metric's samples (all label sets) in a service's /metrics. */
async function metric(service: Service, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${service.port}/metrics`)).text();
  let sum = 0;
  for (const m of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'gm'))) {
    sum += Number(m[1]);
  }
  return sum;
}

/** Transactions committed in the database so far (every statement outside one is one). */
async function commits(db: Client): Promise<number> {
  await db.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await db.query<{ n: string }>(
    'SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()',
  );
  return Number(rows[0].n);
}

/** `db_batch_size` sums and counts per batch, over the given services. */
async function batchSizes(
  services: Service[],
): Promise<Record<string, { sum: number; count: number }>> {
  const out: Record<string, { sum: number; count: number }> = {};
  for (const service of services) {
    const text = await (await fetch(`http://127.0.0.1:${service.port}/metrics`)).text();
    for (const m of text.matchAll(/^db_batch_size_(sum|count)\{([^}]*)\} ([0-9.e+-]+)$/gm)) {
      const name = /batch="([^"]+)"/.exec(m[2])?.[1] ?? '?';
      const entry = (out[name] ??= { sum: 0, count: 0 });
      entry[m[1] as 'sum' | 'count'] += Number(m[3]);
    }
  }
  return out;
}

/** `bus_consumed_messages_total` per outcome, over the given services. */
async function consumed(services: Service[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const service of services) {
    const text = await (await fetch(`http://127.0.0.1:${service.port}/metrics`)).text();
    for (const m of text.matchAll(/^bus_consumed_messages_total\{([^}]*)\} ([0-9.e+-]+)$/gm)) {
      const outcome = /outcome="([^"]+)"/.exec(m[1])?.[1] ?? '?';
      out[outcome] = (out[outcome] ?? 0) + Number(m[2]);
    }
  }
  return out;
}

const cpuSeconds = (service: Service) => metric(service, 'process_cpu_seconds_total');

/**
 * CPU seconds of a process from /proc (Linux), or null where there is no /proc; with
 * `children`, plus what its exited children used (a PostgreSQL backend that ends mid-phase).
 */
function procCpuSeconds(pid: number, children = false): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime + stime (+ cutime + cstime), in clock ticks
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (children ? ticks + Number(fields[13]) + Number(fields[14]) : ticks) / 100;
  } catch {
    return null;
  }
}

/**
 * CPU of the sandbox, of every PostgreSQL process (backends, WAL writer, autovacuum…) and of
 * nats-server on this machine, or null where there is no /proc.
 */
function otherCpu(sandboxPid: number): { sandbox: number; postgres: number; nats: number } | null {
  const sandbox = procCpuSeconds(sandboxPid);
  if (sandbox === null) return null;
  let postgres = 0;
  let nats = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let comm: string;
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue; // exited meanwhile
    }
    if (comm === 'postgres') postgres += procCpuSeconds(Number(pid), true) ?? 0;
    else if (comm === 'nats-server') nats += procCpuSeconds(Number(pid)) ?? 0;
  }
  return { sandbox, postgres, nats };
}
const claimQueries = (service: Service) =>
  metric(service, 'scheduler_claim_duration_seconds_count');

async function refreshCalls(sandboxUrl: string): Promise<number> {
  const stats = (await (await fetch(`${sandboxUrl}/_sandbox/stats`)).json()) as {
    tokenCalls: Record<string, Record<string, number>>;
  };
  return stats.tokenCalls.TWITTER?.refresh_token ?? 0;
}

async function control(sandboxUrl: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${sandboxUrl}/_sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});

/**
 * `npm run bench:gateway` — the public API under load, against an in-process baseline, in one run.
 *
 * 1. `GET /api/v1/social-account/:id/token` through the real gateway process (HTTP, API key check,
 *    scope, registry lookup) → NATS → the real token-vault process (read, decrypt, audit) and back,
 *    against the same read + decrypt done in this process (one prepared query on a pool of the
 *    same size, AES-GCM envelope opened with the same keyring).
 * 2. Listing a team with 1,000 accounts (`GET /api/v1/social-account?teamId=&limit=500`, both
 *    pages) against the same keyset-paginated SQL in this process.
 *
 * The whole system runs as in the end-to-end tests (sandbox + five services as processes); token
 * accounts are connected through real OAuth flows on the sandbox, the 1,000 listed accounts are
 * written straight into the registry. Each pair runs in alternating rounds (baseline, API,
 * baseline, API…) at the same concurrency, so whatever else the machine does weighs on both.
 * Printed: throughput and p50/p99 per side, the ratios, and CPU ms per call in this process and in
 * the gateway process (its `process_cpu_*_seconds_total`).
 *
 * Env: BENCH_ACCOUNTS (40 connected for tokens), BENCH_LISTED (1000), BENCH_CONCURRENCY (16),
 * BENCH_ROUNDS (3), BENCH_ROUND_MS (4000), BENCH_WARMUP (500 calls per side). Needs PostgreSQL and
 * NATS like the integration tests.
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Pool, type QueryResult } from 'pg';
import { aadOf, Envelope } from '../services/token-vault/src/crypto/envelope';
import { FileKeyring } from '../services/token-vault/src/crypto/keyring';
import { connectAccount, PRODUCT_ORIGIN, type TeamFixture } from '../test/support/flows';
import { System } from '../test/support/system';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 40);
const LISTED = Number(process.env.BENCH_LISTED ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 4000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);
const PAGE = 500;

const log = (msg: string) => process.stdout.write(`${msg}\n`);

type Call = (i: number) => Promise<void>;

interface Sample {
  ops: number;
  ms: number;
  latencies: number[];
  cpuHereMs: number;
  cpuGatewayMs: number;
}

let gatewayMetricsUrl = '';

async function gatewayCpuSeconds(): Promise<number> {
  const text = await (await fetch(gatewayMetricsUrl)).text();
  const read = (name: string) =>
    Number(
      text
        .split('\n')
        .find((l) => l.startsWith(name))
        ?.split(' ')
        .pop() ?? 0,
    );
  return read('process_cpu_user_seconds_total') + read('process_cpu_system_seconds_total');
}

async function drive(call: Call, limit: { durationMs?: number; count?: number }): Promise<Sample> {
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const gatewayBefore = await gatewayCpuSeconds();
  const started = performance.now();
  const until = limit.durationMs === undefined ? Infinity : started + limit.durationMs;
  let issued = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until && (limit.count === undefined || issued < limit.count)) {
        const i = issued++;
        const t0 = performance.now();
        await call(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const gatewayAfter = await gatewayCpuSeconds();
  const n = latencies.length;
  return {
    ops: n,
    ms,
    latencies,
    cpuHereMs: (cpu.user + cpu.system) / 1000 / n,
    cpuGatewayMs: ((gatewayAfter - gatewayBefore) * 1000) / n,
  };
}

function summarize(samples: Sample[]) {
  const all = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const ops = samples.reduce((n, s) => n + s.ops, 0);
  const ms = samples.reduce((n, s) => n + s.ms, 0);
  const pct = (p: number) => all[Math.min(all.length - 1, Math.floor((p / 100) * all.length))];
  const mean = (xs: number[]) => Number((xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3));
  return {
    calls: ops,
    throughputPerS: Math.round((ops / ms) * 1000),
    p50Ms: Number(pct(50).toFixed(3)),
    p99Ms: Number(pct(99).toFixed(3)),
    perRoundPerS: samples.map((s) => Math.round((s.ops / s.ms) * 1000)),
    cpuMsPerCall: {
      thisProcess: mean(samples.map((s) => s.cpuHereMs)),
      gatewayProcess: mean(samples.map((s) => s.cpuGatewayMs)),
    },
  };
}

/** Alternating rounds of two sides after a warm-up of each; the summary of both and the ratios. */
async function compare(name: string, baseline: Call, api: Call): Promise<void> {
  await drive(baseline, { count: WARMUP });
  await drive(api, { count: WARMUP });
  const base: Sample[] = [];
  const through: Sample[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    base.push(await drive(baseline, { durationMs: ROUND_MS }));
    through.push(await drive(api, { durationMs: ROUND_MS }));
  }
  const b = summarize(base);
  const a = summarize(through);
  log(`\n## ${name}`);
  log(JSON.stringify({ baselineInProcess: b, throughGateway: a }, null, 2));
  log(
    JSON.stringify({
      throughputRatio: Number((a.throughputPerS / b.throughputPerS).toFixed(3)),
      p50Ratio: Number((a.p50Ms / b.p50Ms).toFixed(2)),
      p99Ratio: Number((a.p99Ms / b.p99Ms).toFixed(2)),
    }),
  );
}

async function seedListedAccounts(pool: Pool, teamId: string, count: number): Promise<void> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await pool.query(
    `INSERT INTO gateway.account (id, team_id, type, external_id, display_name, avatar_url, status,
       status_reason, is_main, member_id, end_user_id, metadata, connected_at, expires_at,
       credential_version, updated_at)
     SELECT id, $2, 'TWITTER', 'ext-' || n, 'Listed ' || n, NULL, 'ACTIVE', NULL, false, NULL,
       'user-' || n, '{"plan":"pro"}'::jsonb, date_trunc('milliseconds', now()) - make_interval(secs => n), now() + interval '2 hours',
       1, now()
     FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [ids, teamId],
  );
}

async function main(): Promise<void> {
  const system = new System({ env: { LOG_LEVEL: 'warn' } });
  await system.start();
  try {
    gatewayMetricsUrl = `${system.gatewayUrl}/metrics`;
    const pool = new Pool({ connectionString: system.databaseUrl, max: 10 });
    pool.on('error', () => undefined);
    const team = await system.api.post<{ id: string }>('/api/v1/team', {
      name: 'Bench team',
      plan: 'enterprise',
      allowedRedirectOrigins: [PRODUCT_ORIGIN],
    });
    const member = await system.api.post<{ id: string }>(`/api/v1/team/${team.body.id}/member`, {
      email: 'bench@example.com',
      role: 'admin',
    });
    const fixture: TeamFixture = {
      teamId: team.body.id,
      memberId: member.body.id,
      memberEmail: 'bench@example.com',
      redirectUrl: `${PRODUCT_ORIGIN}/connected`,
    };
    for (let i = 0; i < ACCOUNTS; i += 1) {
      await connectAccount(system.api, fixture, { type: 'LINKEDIN', user: `bench-${i}` });
    }
    const key = await system.api.post<{ key: string }>('/api/v1/api-key', {
      teamId: fixture.teamId,
      scopes: ['accounts:read', 'tokens:read'],
      rateLimitPerSecond: 0,
    });
    const apiKey = key.body.key;
    const accountIds = (
      await system.api.get<{ items: { id: string }[] }>(
        `/api/v1/social-account?teamId=${fixture.teamId}&limit=500`,
      )
    ).body.items.map((a) => a.id);

    const envelope = new Envelope(FileKeyring.fromFile(system.keyringFile));
    const tokenBaseline: Call = async (i) => {
      const { rows } = await pool.query<{
        team_id: string;
        version: number;
        kek_id: string;
        wrapped_key: Buffer;
        iv: Buffer;
        ciphertext: Buffer;
        tag: Buffer;
      }>({
        name: 'bench_credential_find',
        text: `SELECT team_id, version, kek_id, wrapped_key, iv, ciphertext, tag
               FROM token_vault.credential WHERE connection_id = $1 AND team_id = $2`,
        values: [accountIds[i % accountIds.length], fixture.teamId],
      });
      const r = rows[0];
      const plain = envelope.open(
        {
          kekId: r.kek_id,
          wrappedKey: r.wrapped_key,
          iv: r.iv,
          ciphertext: r.ciphertext,
          tag: r.tag,
        },
        aadOf({
          teamId: r.team_id,
          connectionId: accountIds[i % accountIds.length],
          version: r.version,
        }),
      );
      JSON.parse(plain.toString('utf8'));
    };
    const tokenApi: Call = async (i) => {
      const res = await fetch(
        `${system.gatewayUrl}/api/v1/social-account/${accountIds[i % accountIds.length]}/token`,
        { headers: { 'x-api-key': apiKey } },
      );
      if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
      await res.json();
    };

    const listed = await system.api.post<{ id: string }>('/api/v1/team', {
      name: 'Listed team',
      plan: 'enterprise',
    });
    await seedListedAccounts(pool, listed.body.id, LISTED);
    const listKey = await system.api.post<{ key: string }>('/api/v1/api-key', {
      teamId: listed.body.id,
      scopes: ['accounts:read'],
      rateLimitPerSecond: 0,
    });
    const listBaseline: Call = async () => {
      let after: { at: Date; id: string } | null = null;
      let total = 0;
      for (;;) {
        type Row = { id: string; connected_at: Date };
        const result: QueryResult<Row> = await pool.query<Row>(
          `SELECT * FROM gateway.account WHERE team_id = $1
             AND ($2::timestamptz IS NULL OR (connected_at, id) > ($2, $3::uuid))
           ORDER BY connected_at, id LIMIT $4`,
          [listed.body.id, after?.at ?? null, after?.id ?? null, PAGE + 1],
        );
        const rows = result.rows;
        const page = rows.slice(0, PAGE);
        total += page.length;
        if (rows.length <= PAGE) break;
        const last = page[page.length - 1];
        after = { at: last.connected_at, id: last.id };
      }
      if (total !== LISTED) throw new Error(`listed ${total}`);
    };
    const listApi: Call = async () => {
      let cursor: string | null = null;
      let total = 0;
      do {
        const url: string = `${system.gatewayUrl}/api/v1/social-account?teamId=${listed.body.id}&limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await fetch(url, { headers: { 'x-api-key': listKey.body.key } });
        const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
        total += body.items.length;
        cursor = body.nextCursor;
      } while (cursor);
      if (total !== LISTED) throw new Error(`listed ${total}`);
    };

    log(
      `# bench:gateway — ${cpus().length} CPUs, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}, concurrency ${CONCURRENCY}, ${ROUNDS} rounds × ${ROUND_MS} ms per side`,
    );
    await compare(
      `GET /social-account/:id/token (${accountIds.length} LinkedIn accounts) — gateway → vault vs in-process read + decrypt`,
      tokenBaseline,
      tokenApi,
    );
    await compare(
      `listing a team of ${LISTED} accounts (${Math.ceil(LISTED / PAGE)} pages of ${PAGE}) — API vs in-process SQL`,
      listBaseline,
      listApi,
    );
    await pool.end();
  } finally {
    await system.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);

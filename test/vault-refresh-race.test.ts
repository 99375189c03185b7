import { testNatsUrl, waitFor } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { publishRaw } from './support/publish';
import { System } from './support/system';
import {
  accountConnected,
  putRequest,
  RpcConnection,
  sandboxTwitterGrant,
  sql,
  type RpcAnswer,
} from './support/vault';

const LIFETIME_S = 20;
const RACE_MS = 50_000;
const BURST = 50;

interface TokenReply {
  accessToken: string;
  expiresAt: string | null;
}

interface Burst {
  gets: number;
  failures: string[];
  scheduledCalls: number;
}

/**
 * Rotating, single-use refresh tokens (the sandbox's X reuses-revokes-the-grant rule) with the real
 * vault and the real scheduler as separate processes: bursts of 50 concurrent `vault.token.get`
 * (inline refresh inside the skew) race the scheduler's refreshes and extra scheduled
 * `vault.refresh` calls on one connection, cycle after cycle.
 */
describe('vault refresh races on a rotating platform', () => {
  // the scheduler polls once a second, so sometimes it wins the race and sometimes a reader does
  const system = new System({
    services: ['token-vault', 'refresh-scheduler'],
    env: { SCHEDULER_POLL_MS: '1000' },
  });
  const teamId = randomUUID();
  const connectionId = randomUUID();
  let gateway: RpcConnection;
  let scheduler: RpcConnection;
  let natsUrl: string;

  beforeAll(async () => {
    natsUrl = await testNatsUrl();
    await system.start();
    await system.sandbox.ttl('TWITTER', LIFETIME_S);
    gateway = await RpcConnection.open(natsUrl, system.namespace, 'gateway');
    // a second scheduler replica, as far as the vault can tell
    scheduler = await RpcConnection.open(natsUrl, system.namespace, 'refresh-scheduler-2');
    const oauth = await RpcConnection.open(natsUrl, system.namespace, 'oauth');
    const grant = await sandboxTwitterGrant(system.sandbox.url, 'racer');
    const stored = await oauth.ok<{ credentialVersion: number; expiresAt: string }>(
      'vault.credentials.put',
      putRequest(connectionId, teamId, grant),
    );
    await oauth.close();
    const event = accountConnected(
      system.namespace,
      connectionId,
      teamId,
      stored.credentialVersion,
      stored.expiresAt,
    );
    await publishRaw(natsUrl, event.subject, event.json, event.id);
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    await scheduler?.close();
    await system.stop();
  });

  const refreshCalls = async () =>
    (await system.sandbox.stats()).tokenCalls.TWITTER?.refresh_token ?? 0;

  const events = (type: string) =>
    sql<{
      data: {
        credentialVersion: number;
        refreshedAt?: string;
        reason?: string;
        providerError?: string;
      };
    }>(
      system.databaseUrl,
      `SELECT payload::jsonb -> 'data' AS data FROM token_vault.outbox WHERE type = $1 ORDER BY seq`,
      [type],
    );

  /** 50 concurrent reads; when the token is in its refresh window, 5 scheduled refreshes too. */
  async function burst(dueSoon: boolean): Promise<Burst & { remainingS: number | null }> {
    const gets: Promise<RpcAnswer<TokenReply>>[] = Array.from({ length: BURST }, () =>
      gateway.call<TokenReply>('vault.token.get', { connectionId, teamId, purpose: 'race' }),
    );
    const scheduled = dueSoon
      ? Array.from({ length: 5 }, () =>
          scheduler.call('vault.refresh', { connectionId, teamId, trigger: 'scheduled' }),
        )
      : [];
    const answers = await Promise.all(gets);
    await Promise.all(scheduled);
    const failures: string[] = [];
    let remainingS: number | null = null;
    for (const a of answers) {
      if (!a.ok) failures.push(a.error.code);
      else if (a.data.expiresAt) {
        const left = (Date.parse(a.data.expiresAt) - Date.now()) / 1000;
        if (left <= 0) failures.push('expired token handed out');
        remainingS = remainingS === null ? left : Math.min(remainingS, left);
      }
    }
    return { gets: answers.length, failures, scheduledCalls: scheduled.length, remainingS };
  }

  it('should call the provider exactly once per cycle while 50 readers and the scheduler race', async () => {
    const before = await refreshCalls();
    const until = Date.now() + RACE_MS;
    let gets = 0;
    let scheduledCalls = 0;
    const failures: string[] = [];
    let remainingS: number | null = LIFETIME_S;
    while (Date.now() < until) {
      const b = await burst(remainingS !== null && remainingS < LIFETIME_S / 2 + 0.5);
      gets += b.gets;
      scheduledCalls += b.scheduledCalls;
      failures.push(...b.failures);
      remainingS = b.remainingS;
      await new Promise((r) => setTimeout(r, 100));
    }

    const refreshed = await events('switchboard.token.refreshed.v1');
    const calls = (await refreshCalls()) - before;
    const stats = await system.sandbox.stats();
    const [row] = await sql<{ version: number; status: string }>(
      system.databaseUrl,
      `SELECT version, status FROM token_vault.credential WHERE connection_id = $1`,
      [connectionId],
    );
    const at = refreshed.map((e) => Date.parse(e.data.refreshedAt!));
    const gaps = at.slice(1).map((t, i) => (t - at[i]) / 1000);
    const drivers = await sql<{ caller: string; purpose: string; n: string }>(
      system.databaseUrl,
      `SELECT caller, purpose, count(*) AS n FROM token_vault.decrypt_audit
        WHERE purpose LIKE 'refresh:%' GROUP BY caller, purpose`,
    );
    process.stdout.write(
      `race: ${gets} token.get, ${scheduledCalls} extra scheduled refresh calls, ${calls} provider refreshes, ` +
        `gaps ${gaps.map((g) => g.toFixed(1)).join(', ')} s, refreshed by ${JSON.stringify(drivers)}\n`,
    );

    expect(failures).toEqual([]);
    expect(gets).toBeGreaterThan(2000);
    expect(scheduledCalls).toBeGreaterThan(0);
    // one refresh per ~half lifetime for 50 s: at least 3 cycles
    expect(calls).toBeGreaterThanOrEqual(3);
    // every provider call produced exactly one new version and event: none wasted, none doubled
    expect(refreshed).toHaveLength(calls);
    expect(row).toEqual({ version: calls + 1, status: 'active' });
    // one refresh per cycle: consecutive refreshes are at least a good part of a lifetime apart
    expect(Math.min(...gaps)).toBeGreaterThan(LIFETIME_S * 0.35);
    expect(stats.refreshTokenReuse).toBe(0);
  }, 120_000);

  it('should end reauth_required with exactly one RefreshFailed and no retry storm when the answer to a rotation is lost', async () => {
    await system.sandbox.fail('TWITTER', 'drop-response', 1);
    const before = await refreshCalls();
    const codes = new Set<string>();
    await waitFor(
      async () => {
        const b = await burst(true);
        b.failures.forEach((c) => codes.add(c));
        const [row] = await sql<{ status: string }>(
          system.databaseUrl,
          `SELECT status FROM token_vault.credential WHERE connection_id = $1`,
          [connectionId],
        );
        return row?.status === 'reauth_required' || undefined;
      },
      { what: 'the connection to need a reconnect', timeoutMs: 40_000, intervalMs: 100 },
    );
    // keep reading and let the scheduler try for a while: nobody may call the platform again
    for (let i = 0; i < 20; i += 1) {
      const b = await burst(true);
      b.failures.forEach((c) => codes.add(c));
      await new Promise((r) => setTimeout(r, 250));
    }

    const failed = await events('switchboard.token.refresh_failed.v1');
    expect(failed).toHaveLength(1);
    expect(failed[0].data).toMatchObject({
      reason: 'reauth_required',
      providerError: 'response_lost',
    });
    expect((await refreshCalls()) - before).toBe(1);
    expect((await system.sandbox.stats()).refreshTokenReuse).toBe(0);
    expect([...codes]).toEqual(['reauth-required']);
    const answer = await gateway.call('vault.refresh', { connectionId, teamId, trigger: 'manual' });
    expect(answer).toMatchObject({ ok: true, data: { outcome: 'reauth_required' } });
    expect((await refreshCalls()) - before).toBe(1);
  }, 90_000);

  it('should still have every process running', () => {
    expect(system.exited()).toEqual([]);
  });
});

import {
  ACCOUNT_DISCONNECTED_V1,
  ACCOUNT_RECONNECTED_V1,
  EVENT_SCHEMAS,
  TOKEN_REFRESHED_V1,
  type EventData,
  type EventType,
} from '@switchboard/contracts';
import { findSecrets, testNatsUrl, waitFor } from '@switchboard/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { createTeam, type TeamFixture } from './support/flows';
import {
  ConnectionSeeder,
  mintGrants,
  query,
  type MintedGrant,
  type SeededConnection,
} from './support/scheduler-seed';
import { SecretCollector } from './support/secrets';
import { System } from './support/system';

interface TimelineItem {
  id: string;
  at: string;
  kind: string;
  outcome: string | null;
  providerStatus: number | null;
  providerError: string | null;
  detail: string | null;
  traceId: string | null;
  durationMs: number | null;
  credentialVersion: number | null;
}

interface PublishedEvent {
  type: string;
  created_at: Date;
  seq: string;
  data: { reason?: string; cause?: string; horizonSeconds?: number; credentialVersion: number };
}

/** The platform's budget in this file: small, so a burst has to be spread. */
const BUDGET = { perSecond: 4, burst: 4 };

/**
 * What the refresh scheduler does when the platform misbehaves, against the sandbox and all five
 * services: Retry-After is honoured, 5xx are waited out, a dead grant is reported once, an outage
 * longer than the token's life warns and then fails, and a shorter one is recovered from.
 */
describe('refresh scheduler: failure modes', () => {
  const system = new System({
    env: {
      PORTAL_SIGNING_SECRET: randomBytes(32).toString('hex'),
      SCHEDULER_POLICY_OVERRIDES: JSON.stringify({ TWITTER: { budget: BUDGET } }),
    },
  });
  let team: TeamFixture;
  let seeder: ConnectionSeeder;
  const minted: MintedGrant[] = [];
  let serial = 0;

  /** Made first, so its warnings have fired by the time its test looks: no token calls. */
  let unrefreshable: SeededConnection;
  /** The connection of the 500s test, whose timeline the paging test reads. */
  let flaky: SeededConnection;

  beforeAll(async () => {
    await system.start();
    team = await createTeam(system.api);
    seeder = await ConnectionSeeder.open(await testNatsUrl(), system.namespace);
    // no offline.access: no refresh token; the token lives a day and 20 seconds
    [unrefreshable] = await connect(86_420, 1, ['tweet.read']);
  }, 180_000);

  afterAll(async () => {
    await seeder?.close();
    await system.stop();
  });

  /** Connects `count` X accounts whose access tokens live `ttlSeconds`. */
  async function connect(
    ttlSeconds: number,
    count = 1,
    scopes?: string[],
  ): Promise<SeededConnection[]> {
    await system.sandbox.ttl('TWITTER', ttlSeconds);
    const grants = await mintGrants(
      system.sandbox.url,
      'TWITTER',
      count,
      `empty-f${serial++}`,
      scopes,
    );
    minted.push(...grants);
    const seeded = await seeder.seed(team.teamId, 'TWITTER', grants, { concurrency: 4 });
    await waitFor(
      async () => {
        const rows = await query<{ n: string }>(
          system.databaseUrl,
          `SELECT count(*) AS n FROM refresh_scheduler.schedule WHERE connection_id = ANY($1)`,
          [seeded.map((s) => s.connectionId)],
        );
        return Number(rows[0].n) === count || undefined;
      },
      { timeoutMs: 15_000, what: 'the schedule rows' },
    );
    return seeded;
  }

  /**
   * Publishes an event about connection `c` the way the services do (envelope, account fields,
   * validated against its contract); answers the event id.
   */
  async function publishAbout<T extends EventType>(
    c: SeededConnection,
    type: T,
    data: Omit<EventData<T>, 'connectionId' | 'teamId' | 'type'>,
  ): Promise<string> {
    const id = randomUUID();
    const event = EVENT_SCHEMAS[type].parse({
      specversion: '1.0',
      id,
      source: 'switchboard/test',
      type,
      time: new Date().toISOString(),
      subject: c.connectionId,
      datacontenttype: 'application/json',
      data: { connectionId: c.connectionId, teamId: c.teamId, type: 'TWITTER', ...data },
    });
    await seeder.publish(type, event, id);
    return id;
  }

  /** The team disconnects it: the scheduler stops, and it takes no injected fault meant for others. */
  async function disconnect(c: SeededConnection): Promise<void> {
    await publishAbout(c, ACCOUNT_DISCONNECTED_V1, {
      by: 'team',
      disconnectedAt: new Date().toISOString(),
    });
    await waitFor(async () => (await scheduleState(c)) === 'stopped' || undefined, {
      timeoutMs: 10_000,
      what: 'the schedule to stop',
    });
  }

  async function scheduleState(c: SeededConnection): Promise<string | undefined> {
    const rows = await query<{ state: string }>(
      system.databaseUrl,
      `SELECT state FROM refresh_scheduler.schedule WHERE connection_id = $1`,
      [c.connectionId],
    );
    return rows[0]?.state;
  }

  async function timeline(c: SeededConnection, api = system.api): Promise<TimelineItem[]> {
    const res = await api.get<{ items: TimelineItem[] }>(
      `/api/v1/social-account/${c.connectionId}/timeline?limit=500`,
    );
    if (res.status !== 200) throw new Error(`timeline: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.items;
  }

  const attempts = async (c: SeededConnection) =>
    (await timeline(c)).filter((i) => i.kind === 'refresh_attempt');

  const untilRefreshed = (c: SeededConnection, timeoutMs = 40_000) =>
    waitFor(
      async () => {
        const all = await attempts(c);
        return all.some((a) => a.outcome === 'refreshed') ? all : undefined;
      },
      { timeoutMs, intervalMs: 250, what: 'a successful refresh' },
    );

  /** Every event about `c` that the vault or the scheduler published (their outboxes). */
  async function published(c: SeededConnection, type: string): Promise<PublishedEvent[]> {
    return query<PublishedEvent>(
      system.databaseUrl,
      `SELECT type, created_at, seq, payload->'data' AS data FROM token_vault.outbox
         WHERE type = $1 AND payload->'data'->>'connectionId' = $2
       UNION ALL
       SELECT type, created_at, seq, payload->'data' AS data FROM refresh_scheduler.outbox
         WHERE type = $1 AND payload->'data'->>'connectionId' = $2
       ORDER BY created_at`,
      [type, c.connectionId],
    );
  }

  async function account(
    c: SeededConnection,
  ): Promise<{ status: string; statusReason: string | null }> {
    const res = await system.api.get<{ status: string; statusReason: string | null }>(
      `/api/v1/social-account/${c.connectionId}`,
    );
    return res.body;
  }

  async function schedulerMetrics(): Promise<string> {
    return (await fetch(`http://127.0.0.1:${system.port('refresh-scheduler')}/metrics`)).text();
  }

  /** The value of the sample of `name` whose labels include all of `labels`. */
  function sample(text: string, name: string, ...labels: string[]): number | undefined {
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`${name}{`) && labels.every((label) => l.includes(label)));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  }

  /** How the scheduler's consumer took the TokenRefreshed events so far, by outcome. */
  async function refreshedOutcomes() {
    const text = await schedulerMetrics();
    const count = (outcome: string) =>
      sample(
        text,
        'bus_consumed_messages_total',
        'consumer="refresh-scheduler"',
        `type="${TOKEN_REFRESHED_V1}"`,
        `outcome="${outcome}"`,
      ) ?? 0;
    return {
      noted: count('noted'),
      processed: count('processed'),
      alreadyApplied: count('already-applied'),
    };
  }

  async function refreshCalls(): Promise<number> {
    return (await system.sandbox.stats()).tokenCalls.TWITTER?.refresh_token ?? 0;
  }

  it('should wait as long as a 429 Retry-After says before trying again', async () => {
    const [c] = await connect(14);
    await system.sandbox.fail('TWITTER', '429', 1, 4);
    const [limited, retried] = await untilRefreshed(c);
    expect(limited).toMatchObject({ outcome: 'transient', providerStatus: 429 });
    expect(retried).toMatchObject({ outcome: 'refreshed', credentialVersion: 2 });
    expect(Date.parse(retried.at) - Date.parse(limited.at)).toBeGreaterThanOrEqual(4000);
    expect(Date.parse(retried.at)).toBeLessThan(Date.parse(c.expiresAt!));
    expect(limited.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect((await system.sandbox.stats()).refreshTokenReuse).toBe(0);
    await disconnect(c);
  });

  it('should back off through 500s and then refresh, the account never leaving the user', async () => {
    const [c] = await connect(20);
    flaky = c;
    await system.sandbox.fail('TWITTER', '500', 3);
    const tried = await untilRefreshed(c);
    expect(tried.map((a) => [a.outcome, a.providerStatus])).toEqual([
      ['transient', 500],
      ['transient', 500],
      ['transient', 500],
      ['refreshed', null],
    ]);
    const gaps = tried.slice(1).map((a, i) => Date.parse(a.at) - Date.parse(tried[i].at));
    // exponential with full jitter: at least 0.5 s, 1 s, 2 s
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(500 * 2 ** i));
    expect(await published(c, 'switchboard.token.refresh_failed.v1')).toEqual([]);
    await waitFor(async () => (await account(c)).status === 'ACTIVE' || undefined, {
      timeoutMs: 10_000,
      what: 'the account to be ACTIVE',
    });
    await disconnect(c);
  });

  it('should report invalid_grant with exactly one RefreshFailed and never call again', async () => {
    const [c] = await connect(14);
    await system.sandbox.fail('TWITTER', 'invalid_grant', 1);
    const failed = await waitFor(
      async () => {
        const events = await published(c, 'switchboard.token.refresh_failed.v1');
        return events.length ? events : undefined;
      },
      { timeoutMs: 30_000, what: 'RefreshFailed' },
    );
    const callsAfter = await refreshCalls();
    await new Promise((r) => setTimeout(r, 3000));
    expect(await published(c, 'switchboard.token.refresh_failed.v1')).toHaveLength(1);
    expect(failed[0].data).toMatchObject({ reason: 'reauth_required', credentialVersion: 1 });
    expect(await refreshCalls()).toBe(callsAfter);
    expect(await scheduleState(c)).toBe('dead');
    expect((await attempts(c)).map((a) => a.outcome)).toEqual(['reauth_required']);
    await waitFor(async () => (await account(c)).status === 'EXPIRED' || undefined, {
      timeoutMs: 10_000,
      what: 'the account to be EXPIRED',
    });
    const entries = await timeline(c);
    expect(entries.find((e) => e.kind === 'refresh_failed')).toMatchObject({
      outcome: 'reauth_required',
      providerError: 'invalid_grant',
    });
  });

  it('should warn and then fail once when the platform is down longer than the token lives', async () => {
    const [c] = await connect(16);
    await system.sandbox.fail('TWITTER', '500', 10_000);
    try {
      await waitFor(
        async () =>
          (await published(c, 'switchboard.token.refresh_failed.v1')).length > 0 || undefined,
        { timeoutMs: 40_000, intervalMs: 250, what: 'RefreshFailed after the outage' },
      );
    } finally {
      await fetch(`${system.sandbox.url}/_sandbox/faults/clear`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'TWITTER' }),
      });
    }
    await new Promise((r) => setTimeout(r, 2000));
    const expiring = await published(c, 'switchboard.token.expiring.v1');
    const failed = await published(c, 'switchboard.token.refresh_failed.v1');
    expect(expiring).toHaveLength(1);
    expect(expiring[0].data).toMatchObject({ cause: 'refresh_failing', horizonSeconds: 3600 });
    expect(failed).toHaveLength(1);
    expect(failed[0].data).toMatchObject({ reason: 'transient_exhausted', credentialVersion: 1 });
    expect(expiring[0].created_at.getTime()).toBeLessThan(failed[0].created_at.getTime());
    const tried = await attempts(c);
    expect(tried.length).toBeGreaterThanOrEqual(3);
    expect(tried.every((a) => a.outcome === 'transient' && a.providerStatus === 500)).toBe(true);
    // the last try came just before the token expired, not long before
    expect(Date.parse(c.expiresAt!) - Date.parse(tried[tried.length - 1].at)).toBeLessThan(3000);
    const kinds = (await timeline(c)).map((e) => e.kind);
    expect(kinds.indexOf('expiring')).toBeLessThan(kinds.indexOf('refresh_failed'));
    await waitFor(
      async () => {
        const a = await account(c);
        return (a.status === 'EXPIRED' && a.statusReason === 'transient_exhausted') || undefined;
      },
      { timeoutMs: 10_000, what: 'the account to be EXPIRED (transient_exhausted)' },
    );
  });

  it('should recover fully when the platform returns before the token expires', async () => {
    const [c] = await connect(24);
    await system.sandbox.fail('TWITTER', '500', 10_000);
    try {
      await waitFor(
        async () => (await published(c, 'switchboard.token.expiring.v1')).length > 0 || undefined,
        { timeoutMs: 30_000, intervalMs: 250, what: 'TokenExpiring while the platform is down' },
      );
      await waitFor(async () => (await account(c)).status === 'EXPIRING' || undefined, {
        timeoutMs: 10_000,
        what: 'the account to be EXPIRING',
      });
    } finally {
      await fetch(`${system.sandbox.url}/_sandbox/faults/clear`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'TWITTER' }),
      });
    }
    const tried = await untilRefreshed(c);
    const success = tried[tried.length - 1];
    expect(Date.parse(success.at)).toBeLessThan(Date.parse(c.expiresAt!));
    expect(await published(c, 'switchboard.token.refresh_failed.v1')).toEqual([]);
    await waitFor(async () => (await account(c)).status === 'ACTIVE' || undefined, {
      timeoutMs: 10_000,
      what: 'the account to be ACTIVE again',
    });
    const token = await system.api.get<{ expiresAt: string }>(
      `/api/v1/social-account/${c.connectionId}/token`,
    );
    expect(token.status).toBe(200);
    expect(Date.parse(token.body.expiresAt)).toBeGreaterThan(Date.now());
    await disconnect(c);
  });

  it('should spread a burst over the platform budget, refreshing every token in time', async () => {
    const callsBefore = await refreshCalls();
    const burst = await connect(30, 24);
    // while the budget holds the burst back, the rows wait due: backlog and lag show it
    const waiting = await waitFor(
      async () => {
        const text = await schedulerMetrics();
        const backlog = sample(text, 'scheduler_due_backlog', 'platform="TWITTER"');
        const lag = sample(text, 'scheduler_due_lag_seconds', 'platform="TWITTER"');
        return backlog && backlog > 0 && lag !== undefined ? { backlog, lag } : undefined;
      },
      { timeoutMs: 40_000, intervalMs: 200, what: 'a due backlog' },
    );
    expect(waiting.lag).toBeGreaterThanOrEqual(0);
    const done = await waitFor(
      async () => {
        const rows = await query<{ connection_id: string; at: Date }>(
          system.databaseUrl,
          `SELECT connection_id, at FROM refresh_scheduler.timeline
           WHERE kind = 'refresh_attempt' AND outcome = 'refreshed' AND connection_id = ANY($1)`,
          [burst.map((c) => c.connectionId)],
        );
        return rows.length === burst.length ? rows : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'every connection of the burst refreshed' },
    );
    const expiry = new Map(burst.map((c) => [c.connectionId, Date.parse(c.expiresAt!)]));
    for (const r of done) expect(r.at.getTime()).toBeLessThan(expiry.get(r.connection_id)!);
    const times = done.map((r) => r.at.getTime()).sort((a, b) => a - b);
    // never more than the burst plus one second's worth within any second
    const busiest = Math.max(
      ...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length),
    );
    expect(busiest).toBeLessThanOrEqual(BUDGET.burst + BUDGET.perSecond);
    expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(
      ((burst.length - BUDGET.burst - BUDGET.perSecond) / BUDGET.perSecond) * 1000,
    );
    expect((await refreshCalls()) - callsBefore).toBe(burst.length);
    expect(
      sample(await schedulerMetrics(), 'scheduler_budget_waits_total', 'budget="platform:TWITTER"'),
    ).toBeGreaterThan(0);
    for (const c of burst) await disconnect(c);
  });

  it('should count outcomes by platform and class, and lease takeovers', async () => {
    const text = await schedulerMetrics();
    const outcomes = (outcome: string, cls: string) =>
      sample(
        text,
        'scheduler_refresh_outcomes_total',
        'platform="TWITTER"',
        `outcome="${outcome}"`,
        `class="${cls}"`,
      );
    expect(outcomes('transient', 'rate_limited')).toBe(1);
    expect(outcomes('transient', 'server_error')).toBeGreaterThanOrEqual(3);
    expect(outcomes('reauth_required', 'auth')).toBe(1);
    expect(outcomes('refreshed', 'ok')).toBeGreaterThanOrEqual(24);
    expect(text).toContain('# TYPE scheduler_lease_takeovers_total counter');
    expect(text).toContain('# TYPE scheduler_expiry_warnings_total counter');
  });

  it("should give its own refreshes' TokenRefreshed only an inbox row, not a second handling", async () => {
    const missing = () =>
      query<{ id: string }>(
        system.databaseUrl,
        `SELECT o.id FROM token_vault.outbox o
         WHERE o.type = 'switchboard.token.refreshed.v1' AND NOT EXISTS (
           SELECT 1 FROM refresh_scheduler.inbox i
           WHERE i.consumer = 'refresh-scheduler' AND i.event_id = o.id)`,
      );
    await waitFor(async () => (await missing()).length === 0 || undefined, {
      timeoutMs: 15_000,
      what: 'every TokenRefreshed in the scheduler inbox',
    });
    const [{ n }] = await query<{ n: string }>(
      system.databaseUrl,
      `SELECT count(*) AS n FROM token_vault.outbox WHERE type = 'switchboard.token.refreshed.v1'`,
    );
    expect(Number(n)).toBeGreaterThanOrEqual(24);
    // noted by the settle and given only their inbox row, except those that arrived before the
    // vault's answer did and were handled the usual way
    const consumed = await waitFor(
      async () => {
        const c = await refreshedOutcomes();
        return c.noted + c.processed + c.alreadyApplied >= Number(n) ? c : undefined;
      },
      { timeoutMs: 15_000, what: 'every TokenRefreshed consumed' },
    );
    // the event and the vault's answer race each other: about half the events are noted here
    expect(consumed.noted).toBeGreaterThan(0);
  });

  it('should give a TokenRefreshed whose version the schedule holds already only an inbox row, and handle a newer one', async () => {
    const [c] = await connect(86_400);
    const row = async () =>
      (
        await query<{ credential_version: number; updated_at: Date; expires_at: Date }>(
          system.databaseUrl,
          `SELECT credential_version, updated_at, expires_at FROM refresh_scheduler.schedule
           WHERE connection_id = $1`,
          [c.connectionId],
        )
      )[0];
    const inboxed = async (eventId: string) =>
      (
        await query<{ n: string }>(
          system.databaseUrl,
          `SELECT count(*) AS n FROM refresh_scheduler.inbox
           WHERE consumer = 'refresh-scheduler' AND event_id = $1`,
          [eventId],
        )
      )[0].n === '1';
    const refreshed = async (credentialVersion: number, expiresAt: Date): Promise<string> => {
      const id = await publishAbout(c, TOKEN_REFRESHED_V1, {
        credentialVersion,
        refreshedAt: new Date().toISOString(),
        expiresAt: expiresAt.toISOString(),
        refreshable: true,
        refreshExpiresAt: null,
      });
      await waitFor(async () => (await inboxed(id)) || undefined, {
        timeoutMs: 10_000,
        what: `the inbox row of ${id}`,
      });
      return id;
    };

    // as when another replica made the refresh and settled the row before the event came here
    const before = await row();
    const counted = await refreshedOutcomes();
    await refreshed(before.credential_version, new Date(Date.now() + 7_200_000));
    expect(await row()).toEqual(before);
    expect((await refreshedOutcomes()).alreadyApplied).toBe(counted.alreadyApplied + 1);

    // a version the schedule does not hold yet: the handler runs
    const later = new Date(Date.now() + 3 * 86_400_000);
    await refreshed(before.credential_version + 1, later);
    const after = await row();
    expect(after.credential_version).toBe(before.credential_version + 1);
    expect(after.expires_at.getTime()).toBe(later.getTime());
    expect((await refreshedOutcomes()).processed).toBe(counted.processed + 1);

    // published back to back (an older, the same, a newer version): those arriving together are
    // checked in one statement, and the newer one is still handled
    const latest = new Date(Date.now() + 4 * 86_400_000);
    const soon = new Date(Date.now() + 7_200_000);
    const ids: string[] = [];
    for (const [version, expiresAt] of [
      [before.credential_version, soon],
      [before.credential_version + 1, soon],
      [before.credential_version + 2, latest],
    ] as const) {
      ids.push(
        await publishAbout(c, TOKEN_REFRESHED_V1, {
          credentialVersion: version,
          refreshedAt: new Date().toISOString(),
          expiresAt: expiresAt.toISOString(),
          refreshable: true,
          refreshExpiresAt: null,
        }),
      );
    }
    await waitFor(async () => (await Promise.all(ids.map(inboxed))).every(Boolean) || undefined, {
      timeoutMs: 10_000,
      what: 'the inbox rows of the three',
    });
    const last = await row();
    expect(last.credential_version).toBe(before.credential_version + 2);
    expect(last.expires_at.getTime()).toBe(latest.getTime());
    const together = await refreshedOutcomes();
    expect(together.alreadyApplied).toBe(counted.alreadyApplied + 3);
    expect(together.processed).toBe(counted.processed + 2);
    await disconnect(c);
  });

  it('should warn once per horizon about a token that cannot be refreshed, and again after a reconnect', async () => {
    const c = unrefreshable;
    const fired = await waitFor(
      async () => {
        const events = await published(c, 'switchboard.token.expiring.v1');
        return events.length >= 2 ? events : undefined;
      },
      { timeoutMs: 40_000, intervalMs: 500, what: 'the 3-day and the 1-day warnings' },
    );
    expect(
      fired.map((e) => [e.data.horizonSeconds, e.data.cause, e.data.credentialVersion]),
    ).toEqual([
      [259_200, 'not_refreshable', 1],
      [86_400, 'not_refreshable', 1],
    ]);
    await waitFor(async () => (await account(c)).status === 'EXPIRING' || undefined, {
      timeoutMs: 10_000,
      what: 'the account to be EXPIRING',
    });

    // the user reconnects: a new credential generation, whose ladder starts over
    await system.sandbox.ttl('TWITTER', 5 * 86_400);
    const [again] = await mintGrants(system.sandbox.url, 'TWITTER', 1, `empty-f${serial++}`, [
      'tweet.read',
    ]);
    minted.push(again);
    const reconnected = await seeder.store(team.teamId, 'TWITTER', again, c.connectionId);
    expect(reconnected.credentialVersion).toBe(2);
    await publishAbout(c, ACCOUNT_RECONNECTED_V1, {
      externalId: `ext-${c.grant.grantId}`,
      displayName: c.grant.user,
      avatarUrl: null,
      memberId: null,
      endUserId: null,
      metadata: {},
      scopes: ['tweet.read'],
      credentialVersion: 2,
      expiresAt: reconnected.expiresAt,
      refreshable: false,
      refreshExpiresAt: null,
      connectedAt: new Date().toISOString(),
    });
    await waitFor(
      async () =>
        (await published(c, 'switchboard.token.expiring.v1')).some(
          (e) => e.data.credentialVersion === 2,
        ) || undefined,
      { timeoutMs: 15_000, what: 'the 7-day warning of the new generation' },
    );
    await new Promise((r) => setTimeout(r, 2500));
    const all = await published(c, 'switchboard.token.expiring.v1');
    expect(all.map((e) => [e.data.horizonSeconds, e.data.credentialVersion])).toEqual([
      [259_200, 1],
      [86_400, 1],
      [604_800, 2],
    ]);
    const warnings = (await timeline(c)).filter((e) => e.kind === 'expiring');
    expect(warnings).toHaveLength(3);
    await disconnect(c);
  });

  it("should show an account's timeline to its own team only", async () => {
    const [c] = await connect(600);
    const other = await createTeam(system.api, 'Other team');
    const keyFor = async (teamId: string) =>
      (
        await system.api.post<{ key: string }>('/api/v1/api-key', {
          teamId,
          scopes: ['accounts:read'],
        })
      ).body.key;
    const own = system.api.withKey(await keyFor(team.teamId));
    const foreign = system.api.withKey(await keyFor(other.teamId));
    const mine = await own.get<{ items: TimelineItem[]; notices: string }>(
      `/api/v1/social-account/${c.connectionId}/timeline`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items[0]).toMatchObject({ kind: 'connected', credentialVersion: 1 });
    expect(mine.body.notices).toBe('included');
    const theirs = await foreign.get<{ code: string }>(
      `/api/v1/social-account/${c.connectionId}/timeline`,
    );
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe('not-found');
    const unknown = await own.get(`/api/v1/social-account/${randomUUID()}/timeline`);
    expect(unknown.status).toBe(404);
    const bad = await own.get(`/api/v1/social-account/${c.connectionId}/timeline?limit=0`);
    expect(bad.status).toBe(400);
    const badCursor = await own.get(
      `/api/v1/social-account/${c.connectionId}/timeline?cursor=nonsense`,
    );
    expect(badCursor.status).toBe(400);
    await disconnect(c);
  });

  it('should page through a timeline without losing or repeating an entry', async () => {
    const c = flaky;
    const whole = await timeline(c);
    // connected, four attempts, the expiry warning, disconnected: enough for pages of two
    expect(whole.length).toBeGreaterThanOrEqual(6);
    const paged: TimelineItem[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: TimelineItem[]; nextCursor: string | null } } =
        await system.api.get(
          `/api/v1/social-account/${c.connectionId}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
      // `limit` counts the scheduler's entries; the notices of the same time span ride along
      expect(res.body.items.filter((i) => i.kind !== 'notice').length).toBeLessThanOrEqual(2);
      paged.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(paged.map((i) => i.id)).toEqual(whole.map((i) => i.id));
    expect(whole.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['connected', 'refresh_attempt', 'expiring', 'disconnected']),
    );
  });

  it('should never log a token', async () => {
    const secrets = new SecretCollector(system.databaseUrl, system.keyringFile);
    for (const g of minted) secrets.add(g.accessToken, g.refreshToken);
    await secrets.vaultTokens();
    expect(secrets.size).toBeGreaterThan(20);
    expect(findSecrets(system.allLines(), secrets.list())).toEqual([]);
    expect(system.exited()).toEqual([]);
  });
});

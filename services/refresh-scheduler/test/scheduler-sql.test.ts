import { OutboxService } from '@switchboard/bus';
import { dataSourceOptions, migrate } from '@switchboard/platform';
import { testPostgres, type TestDatabase } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RateBudgetRepository } from '../src/budgets/rate-budget.repository';
import { ClaimRepository, type ClaimedRow } from '../src/claims/claim.repository';
import type { SchedulerEnv } from '../src/config';
import { LadderService } from '../src/ladder/ladder.service';
import { Init1763769600000 } from '../src/migrations/1763769600000-init';
import { RefreshAtScale1763900000000 } from '../src/migrations/1763900000000-refresh-at-scale';
import { PolicyTable } from '../src/policy/platform-policy';
import { ScheduleService } from '../src/schedule/schedule.service';
import { TimelineRepository } from '../src/timeline/timeline.repository';

const SCHEMA = 'refresh_scheduler';
const DAY = 86_400;

/**
 * The scheduler's SQL against a real PostgreSQL: claims never overlap however many replicas
 * claim at once, a lapsed lease is taken over and fences its old holder out, budgets are shared
 * exactly, and each ladder horizon fires once.
 */
describe('refresh scheduler SQL', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await (await testPostgres()).createDatabase('sched_sql');
    const opts = {
      url: db.url,
      schema: SCHEMA,
      entities: [],
      migrations: [Init1763769600000, RefreshAtScale1763900000000],
    };
    await migrate(opts);
    ds = await new DataSource({ ...dataSourceOptions(opts), poolSize: 20 } as never).initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  beforeEach(() =>
    ds.query(`TRUNCATE ${SCHEMA}.schedule, ${SCHEMA}.rate_budget, ${SCHEMA}.outbox`),
  );

  async function insertDue(count: number, type = 'TWITTER', dueSecondsAgo = 1): Promise<void> {
    await ds.query(
      `INSERT INTO ${SCHEMA}.schedule (connection_id, team_id, type, credential_version, state,
         expires_at, refreshable, issued_at, next_due_at)
       SELECT gen_random_uuid(), gen_random_uuid(), $2, 1, 'scheduled', now() + interval '1 hour',
         true, now(), now() - make_interval(secs => $3 + i * 0.001)
       FROM generate_series(1, $1) AS i`,
      [count, type, dueSecondsAgo],
    );
  }

  it('should never hand the same row to two replicas claiming at the same time', async () => {
    await insertDue(2000);
    const claims = new ClaimRepository(ds);
    const claimed = await Promise.all(
      ['a', 'b', 'c', 'd'].map(async (owner) => {
        const mine: ClaimedRow[] = [];
        for (;;) {
          const rows = await claims.claim(owner, 'TWITTER', 37, 30_000);
          if (rows.length === 0) return mine;
          mine.push(...rows);
        }
      }),
    );
    const ids = claimed.flat().map((r) => r.connection_id);
    expect(ids).toHaveLength(2000);
    expect(new Set(ids).size).toBe(2000);
    expect(claimed.every((mine) => mine.length > 0)).toBe(true);
    // in flight, nothing is due any more
    expect(await claims.claim('e', 'TWITTER', 100, 30_000)).toEqual([]);
  });

  it('should claim per platform, oldest due first, skipping apps without budget', async () => {
    await insertDue(3, 'TWITTER', 10);
    await insertDue(2, 'LINKEDIN', 20);
    await ds.query(`UPDATE ${SCHEMA}.schedule SET app_key = 'team-app' WHERE type = 'LINKEDIN'`);
    const claims = new ClaimRepository(ds);
    expect(await claims.platforms()).toEqual(['LINKEDIN', 'TWITTER']);
    expect(await claims.claim('a', 'LINKEDIN', 10, 30_000, ['team-app'])).toEqual([]);
    const rows = await claims.claim('a', 'TWITTER', 2, 30_000);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.type === 'TWITTER' && !r.taken_over)).toBe(true);
    const due = rows.map((r) => r.due_at.getTime());
    expect(due[0]).toBeLessThanOrEqual(due[1]);
    // handed back untouched: due again, not counted as a takeover
    await claims.unclaim('a', rows);
    const again = await claims.claim('b', 'TWITTER', 10, 30_000);
    expect(again).toHaveLength(3);
    expect(again.some((r) => r.taken_over)).toBe(false);
  });

  it("should take over a dead replica's lapsed lease and fence the old holder out", async () => {
    await insertDue(1);
    const claims = new ClaimRepository(ds);
    const [held] = await claims.claim('dead', 'TWITTER', 1, 200);
    expect(await claims.claim('live', 'TWITTER', 1, 30_000)).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    const [taken] = await claims.claim('live', 'TWITTER', 1, 30_000);
    expect(taken).toMatchObject({ connection_id: held.connection_id, taken_over: true });
    const attempt = {
      connectionId: held.connection_id,
      teamId: held.team_id,
      type: 'TWITTER',
      at: new Date(),
      kind: 'refresh_attempt' as const,
      outcome: 'refreshed',
    };
    const settlement = {
      state: 'scheduled' as const,
      nextDueAt: new Date(),
      attempts: 0,
      outcome: 'refreshed',
    };
    expect(await claims.settle('dead', held, settlement, attempt)).toBe(false);
    expect(await claims.settle('live', taken, settlement, attempt)).toBe(true);
    const [row] = await ds.query<{ lease_owner: string | null }[]>(
      `SELECT lease_owner FROM ${SCHEMA}.schedule WHERE connection_id = $1`,
      [held.connection_id],
    );
    expect(row.lease_owner).toBeNull();
    // both attempts happened, so both are on the timeline
    const [count] = await ds.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM ${SCHEMA}.timeline WHERE connection_id = $1`,
      [held.connection_id],
    );
    expect(Number(count.n)).toBe(2);
  });

  it('should share a budget exactly between replicas taking at the same time', async () => {
    const budgets = new RateBudgetRepository(ds);
    const budget = { perSecond: 0.001, burst: 25 };
    const grants = await Promise.all(
      Array.from({ length: 12 }, () => budgets.take('platform:TWITTER', budget, 5)),
    );
    expect(grants.reduce((sum, g) => sum + g.granted, 0)).toBe(25);
    const denied = grants.find((g) => g.granted === 0);
    expect(denied?.retryInMs).toBeGreaterThan(0);
    await budgets.refund('platform:TWITTER', budget, 3);
    expect((await budgets.take('platform:TWITTER', budget, 5)).granted).toBe(3);
  });

  it('should refill a budget at its rate, never above its burst', async () => {
    const budgets = new RateBudgetRepository(ds);
    const budget = { perSecond: 20, burst: 5 };
    expect((await budgets.take('app:X/a', budget, 100)).granted).toBe(5);
    expect((await budgets.take('app:X/a', budget, 100)).granted).toBe(0);
    await new Promise((r) => setTimeout(r, 260));
    const refilled = (await budgets.take('app:X/a', budget, 100)).granted;
    expect(refilled).toBeGreaterThanOrEqual(4);
    expect(refilled).toBeLessThanOrEqual(5);
  });

  describe('expiry ladder', () => {
    const env = { SCHEDULER_EXPIRY_HORIZONS: [7 * DAY, 3 * DAY, DAY, 3600] } as SchedulerEnv;
    let ladders: LadderService;

    beforeAll(() => {
      const outbox = new OutboxService({ schema: SCHEMA, source: 'test', service: 'test' });
      ladders = new LadderService(ds, outbox, new TimelineRepository(ds), env);
    });

    async function notRefreshable(targetInSeconds: number): Promise<string> {
      const id = randomUUID();
      const target = new Date(Date.now() + targetInSeconds * 1000);
      const ladder = ladders.columnsFor(
        { cause: 'not_refreshable', targetAt: target, generation: 'v1' },
        new Date(),
      );
      await ds.query(
        `INSERT INTO ${SCHEMA}.schedule (connection_id, team_id, type, credential_version, state,
           expires_at, warn_at, warn_cause, warn_target, warn_generation)
         VALUES ($1, $2, 'FACEBOOK', 1, 'not_refreshable', $3, $4, $5, $3, $6)`,
        [id, randomUUID(), target, ladder!.warnAt, ladder!.cause, ladder!.generation],
      );
      return id;
    }

    const events = (id: string) =>
      ds.query<{ type: string; horizon: number | null; reason: string | null }[]>(
        `SELECT type, (payload->'data'->>'horizonSeconds')::int AS horizon,
           payload->'data'->>'reason' AS reason
         FROM ${SCHEMA}.outbox WHERE payload->'data'->>'connectionId' = $1 ORDER BY seq`,
        [id],
      );

    it('should fire the most urgent horizon reached, once, whichever replica looks', async () => {
      const id = await notRefreshable(2 * DAY);
      await Promise.all([ladders.pass(), ladders.pass(), ladders.pass()]);
      await ladders.pass();
      expect(await events(id)).toEqual([
        { type: 'switchboard.token.expiring.v1', horizon: 3 * DAY, reason: null },
      ]);
      const [row] = await ds.query<{ warn_at: Date }[]>(
        `SELECT warn_at FROM ${SCHEMA}.schedule WHERE connection_id = $1`,
        [id],
      );
      // next look: one day before expiry
      expect(Math.round((Date.now() + 2 * DAY * 1000 - row.warn_at.getTime()) / 1000 / 3600)).toBe(
        24,
      );
    });

    it('should fire nothing before the first horizon', async () => {
      const id = await notRefreshable(30 * DAY);
      await ladders.pass();
      expect(await events(id)).toEqual([]);
    });

    it('should announce a lapsed credential once, as needing its user', async () => {
      const id = await notRefreshable(0.2);
      await ladders.pass();
      await new Promise((r) => setTimeout(r, 300));
      await Promise.all([ladders.pass(), ladders.pass()]);
      expect(await events(id)).toEqual([
        { type: 'switchboard.token.expiring.v1', horizon: 3600, reason: null },
        { type: 'switchboard.token.refresh_failed.v1', horizon: null, reason: 'reauth_required' },
      ]);
      const [row] = await ds.query<{ state: string; warn_at: Date | null }[]>(
        `SELECT state, warn_at FROM ${SCHEMA}.schedule WHERE connection_id = $1`,
        [id],
      );
      expect(row).toEqual({ state: 'dead', warn_at: null });
    });
  });

  it('should keep each connection on the budget of the developer app its tokens came from', async () => {
    const env = { SCHEDULER_EXPIRY_HORIZONS: [DAY] } as SchedulerEnv;
    const outbox = new OutboxService({ schema: SCHEMA, source: 'test', service: 'test' });
    const timeline = new TimelineRepository(ds);
    const schedules = new ScheduleService(
      new PolicyTable(),
      new LadderService(ds, outbox, timeline, env),
      timeline,
    );
    const base = {
      teamId: randomUUID(),
      type: 'TWITTER' as const,
      externalId: 'x-1',
      displayName: 'X',
      avatarUrl: null,
      memberId: null,
      endUserId: null,
      metadata: {},
      scopes: [],
      refreshable: true,
      refreshExpiresAt: null,
      connectedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 7200_000).toISOString(),
    };
    const own = randomUUID();
    const deployment = randomUUID();
    await ds.transaction(async (tx) => {
      await schedules.connected(
        { ...base, connectionId: own, credentialVersion: 1, appKey: 'team-0123' },
        'connected',
        tx,
      );
      await schedules.connected(
        { ...base, connectionId: deployment, credentialVersion: 1 },
        'connected',
        tx,
      );
      // a refresh event does not name the app: the row keeps the one it was connected with
      await schedules.refreshed(
        {
          connectionId: own,
          teamId: base.teamId,
          type: 'TWITTER',
          credentialVersion: 2,
          expiresAt: base.expiresAt,
          refreshable: true,
          refreshExpiresAt: null,
          refreshedAt: new Date().toISOString(),
        },
        tx,
      );
    });
    const rows = await ds.query<
      { connection_id: string; app_key: string; credential_version: number }[]
    >(`SELECT connection_id, app_key, credential_version FROM ${SCHEMA}.schedule`);
    const byId = new Map(rows.map((r) => [r.connection_id, r]));
    expect(byId.get(own)).toMatchObject({ app_key: 'team-0123', credential_version: 2 });
    expect(byId.get(deployment)).toMatchObject({ app_key: 'default' });
  });
});

import { startPostgres, testNatsUrl, waitFor, type OwnPostgres } from '@switchboard/testing';
import { auditBus } from './support/bus-audit';
import { connectAccount, createTeam, type TeamFixture } from './support/flows';
import { accountConnectedEvent, eventsSubject, publishRaw } from './support/publish';
import { System } from './support/system';

interface Account {
  id: string;
  status: string;
  displayName: string;
  lastRefreshedAt: string | null;
}

/**
 * PostgreSQL restarts in the middle of the flow. Events that arrive while it is down are retried,
 * not lost or doubled; the flow then goes on to its end. Runs its own PostgreSQL on a free port.
 */
describe('fault: PostgreSQL restarted mid-flow', () => {
  let pg: OwnPostgres;
  let system: System;
  let team: TeamFixture;
  let natsUrl: string;

  beforeAll(async () => {
    pg = await startPostgres();
    natsUrl = await testNatsUrl();
    system = await new System({ postgresUrl: pg.url, natsUrl }).start();
    await system.sandbox.ttl('TWITTER', 8);
    team = await createTeam(system.api);
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await pg?.close();
  });

  const accounts = async () =>
    (await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${team.teamId}`))
      .body.items;

  it('should retry what arrived during the outage, then finish the flow with one notice and one email', async () => {
    const { landedOn } = await connectAccount(system.api, team, { type: 'TWITTER', user: 'carol' });
    expect(landedOn.searchParams.get('twitter-callback')).toBe('success');
    await waitFor(async () => (await accounts())[0]?.lastRefreshedAt ?? undefined, {
      timeoutMs: 20_000,
      what: 'a first refresh',
    });

    await pg.stop();
    const stoppedAt = Date.now();
    expect((await fetch(`${system.gatewayUrl}/health/ready`)).status).toBe(503);
    // an event reaches every consumer while none of them can write
    const injected = accountConnectedEvent(team.teamId, 'Injected during outage');
    await publishRaw(
      natsUrl,
      eventsSubject(system.namespace, injected.subjectSuffix),
      injected.json,
      injected.id,
    );
    await new Promise((r) => setTimeout(r, 6000));
    await pg.start();
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(5000);

    await waitFor(
      async () =>
        (await accounts()).some((a) => a.id === injected.connectionId) ? true : undefined,
      {
        timeoutMs: 40_000,
        what: 'the event sent during the outage to be applied',
      },
    );

    await system.sandbox.revoke('TWITTER', 'carol');
    await waitFor(
      async () =>
        (await accounts()).find((a) => a.displayName === 'Carol')?.status === 'EXPIRED'
          ? true
          : undefined,
      {
        timeoutMs: 40_000,
        what: 'the account to turn EXPIRED',
      },
    );
    await waitFor(
      async () => (await system.sandbox.mail(team.memberEmail)).length > 0 || undefined,
      { timeoutMs: 30_000, what: 'the email' },
    );

    const audit = await waitFor(
      async () => {
        const a = await auditBus(system.databaseUrl);
        return a.unpublished === 0 && Object.values(a.missing).every((m) => m.length === 0)
          ? a
          : undefined;
      },
      { timeoutMs: 30_000, what: 'every event in every inbox' },
    );
    expect(audit.deadLetters).toEqual({ gateway: 0, 'refresh-scheduler': 0, notifier: 0 });

    await new Promise((r) => setTimeout(r, 2000));
    expect(await system.sandbox.mail(team.memberEmail)).toHaveLength(1);
    expect(
      (await system.api.get<{ items: unknown[] }>(`/api/v1/notification?teamId=${team.teamId}`))
        .body.items,
    ).toHaveLength(1);
    expect(await system.sandbox.stats()).toMatchObject({ refreshTokenReuse: 0 });
    expect(system.exited()).toEqual([]);
  });
});

import { startNatsServer, waitFor, type OwnNats } from '@switchboard/testing';
import { auditBus, unpublishedEvents } from './support/bus-audit';
import { connectAccount, createTeam, type TeamFixture } from './support/flows';
import { System } from './support/system';

interface Account {
  id: string;
  status: string;
  statusReason: string | null;
  lastRefreshedAt: string | null;
}

/**
 * NATS goes away for longer than 5 s in the middle of the flow. Events made meanwhile wait in the
 * outbox; when NATS is back every event reaches every consumer exactly once and nothing crashes.
 * Runs its own nats-server on a free port; the machine's shared one is never touched.
 */
describe('fault: NATS stopped mid-flow', () => {
  let nats: OwnNats;
  let system: System;
  let team: TeamFixture;

  beforeAll(async () => {
    nats = await startNatsServer();
    system = await new System({ natsUrl: nats.url }).start();
    await system.sandbox.ttl('TWITTER', 8);
    team = await createTeam(system.api);
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await nats?.close();
  });

  const account = async () =>
    (await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${team.teamId}`))
      .body.items[0];

  it('should deliver what was made during the outage once, drain the outbox, and keep every process up', async () => {
    const { landedOn } = await connectAccount(system.api, team, { type: 'TWITTER', user: 'bob' });
    expect(landedOn.searchParams.get('twitter-callback')).toBe('success');
    await waitFor(async () => (await account())?.lastRefreshedAt ?? undefined, {
      timeoutMs: 20_000,
      what: 'a first refresh',
    });

    // from now on the platform answers 500: the token will lapse while NATS is away
    await system.sandbox.fail('TWITTER', '500', 1000);
    const stoppedAt = Date.now();
    await nats.stop();

    const ready = await fetch(`${system.gatewayUrl}/health/ready`);
    expect(ready.status).toBe(503);
    // the scheduler gives up when the token expires, and records RefreshFailed in its outbox
    await waitFor(
      async () =>
        (await unpublishedEvents(system.databaseUrl, 'refresh_scheduler')).includes(
          'switchboard.token.refresh_failed.v1',
        ) || undefined,
      {
        timeoutMs: 40_000,
        what: 'RefreshFailed waiting in the outbox',
      },
    );
    await new Promise((r) => setTimeout(r, Math.max(0, 5500 - (Date.now() - stoppedAt))));
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(5000);
    await nats.start();

    const expired = await waitFor(
      async () => {
        const a = await account();
        return a?.status === 'EXPIRED' ? a : undefined;
      },
      { timeoutMs: 40_000, what: 'the account to turn EXPIRED after NATS is back' },
    );
    expect(expired.statusReason).toBe('transient_exhausted');

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
    expect(audit.unexpected).toEqual({ gateway: [], 'refresh-scheduler': [], notifier: [] });
    expect(audit.deadLetters).toEqual({ gateway: 0, 'refresh-scheduler': 0, notifier: 0 });
    expect(
      audit.published.filter((e) => e.type === 'switchboard.token.refresh_failed.v1'),
    ).toHaveLength(1);

    // the failing refreshes may first have fired the expiry ladder (once: an 8-second token
    // reaches only the most urgent horizon); each event is one email and one notice, never two
    const expiring = audit.published.filter(
      (e) => e.type === 'switchboard.token.expiring.v1',
    ).length;
    expect(expiring).toBeLessThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 2000));
    const mail = await system.sandbox.mail(team.memberEmail);
    expect(mail).toHaveLength(expiring + 1);
    expect(new Set(mail.map((m) => m.subject)).size).toBe(mail.length);
    const notices = await system.api.get<{ items: unknown[] }>(
      `/api/v1/notification?teamId=${team.teamId}`,
    );
    expect(notices.body.items).toHaveLength(expiring + 1);
    expect(system.exited()).toEqual([]);
    for (const name of ['gateway', 'oauth', 'token-vault', 'refresh-scheduler', 'notifier']) {
      expect((await fetch(`http://127.0.0.1:${system.port(name)}/health/ready`)).status).toBe(200);
    }
  });
});

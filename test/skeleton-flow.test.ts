import { findSecrets, waitFor } from '@switchboard/testing';
import { connectAccount, createTeam, type TeamFixture } from './support/flows';
import { SecretCollector } from './support/secrets';
import { System } from './support/system';

interface Account {
  id: string;
  status: string;
  statusReason: string | null;
  displayName: string;
  lastRefreshedAt: string | null;
  lastError: string | null;
}

/**
 * The walking skeleton, end to end, through five separate service processes on real NATS
 * JetStream and PostgreSQL: connected → refreshed → revoked → failed → warned.
 */
describe('skeleton flow: connect, refresh, fail, warn', () => {
  const system = new System();
  let team: TeamFixture;
  let accountId: string;
  let secrets: SecretCollector;

  beforeAll(async () => {
    await system.start();
    secrets = new SecretCollector(system.databaseUrl, system.keyringFile);
    secrets.add(system.adminKey);
    await system.sandbox.ttl('TWITTER', 6);
    team = await createTeam(system.api);
  }, 180_000);

  afterAll(() => system.stop());

  const accounts = async () =>
    (await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${team.teamId}`))
      .body.items;

  it('should connect an X account and list it ACTIVE as soon as the user lands back', async () => {
    const { landedOn, visited } = await connectAccount(system.api, team, {
      type: 'TWITTER',
      user: 'alice',
      atProvider: () => secrets.pendingVerifiers(),
    });
    visited.forEach((u) => secrets.fromUrl(u));
    await secrets.vaultTokens();
    expect(landedOn.searchParams.get('twitter-callback')).toBe('success');
    expect([...landedOn.searchParams.keys()]).toEqual(['twitter-callback']);
    expect(
      visited.some(
        (u) =>
          u.includes('/twitter/i/oauth2/authorize') && u.includes('code_challenge_method=S256'),
      ),
    ).toBe(true);
    const listed = await accounts();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ status: 'ACTIVE', displayName: 'Alice' });
    accountId = listed[0].id;
  });

  it('should refresh the token ahead of expiry, once per cycle, without reusing a refresh token', async () => {
    const refreshed = await waitFor(
      async () => (await accounts())[0].lastRefreshedAt ?? undefined,
      { timeoutMs: 20_000, what: 'a refresh' },
    );
    await secrets.vaultTokens();
    expect(refreshed).not.toBeNull();
    const stats = await system.sandbox.stats();
    expect(stats.tokenCalls.TWITTER.refresh_token).toBeGreaterThanOrEqual(1);
    expect(stats.refreshTokenReuse).toBe(0);
    const token = await system.api.get<{ accessToken: string; expiresAt: string }>(
      `/api/v1/social-account/${accountId}/token`,
    );
    expect(token.status).toBe(200);
    expect(new Date(token.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    secrets.add(token.body.accessToken);
    await secrets.vaultTokens();
  });

  it('should mark the account EXPIRED when the user withdraws access, with one notice and one email', async () => {
    await system.sandbox.revoke('TWITTER', 'alice');
    const expired = await waitFor(
      async () => {
        const [a] = await accounts();
        return a.status === 'EXPIRED' ? a : undefined;
      },
      { timeoutMs: 30_000, what: 'the account to turn EXPIRED' },
    );
    expect(expired).toMatchObject({ statusReason: 'reauth_required', lastError: 'invalid_grant' });

    const mails = await waitFor(
      async () => {
        const m = await system.sandbox.mail(team.memberEmail);
        return m.length > 0 ? m : undefined;
      },
      { timeoutMs: 20_000, what: 'the warning email' },
    );
    const notices = await system.api.get<{
      items: { kind: string; connectionId: string; title: string }[];
    }>(`/api/v1/notification?teamId=${team.teamId}`);
    // give duplicates a chance to show up before counting
    await new Promise((r) => setTimeout(r, 2000));
    expect(await system.sandbox.mail(team.memberEmail)).toHaveLength(1);
    expect(mails[0].subject).toContain('Alice');
    expect(mails[0].text).toContain('Alice');
    expect(notices.body.items).toHaveLength(1);
    expect(notices.body.items[0]).toMatchObject({
      kind: 'refresh_failed',
      connectionId: accountId,
    });
    expect(
      (await system.api.get<{ items: unknown[] }>(`/api/v1/notification?teamId=${team.teamId}`))
        .body.items,
    ).toHaveLength(1);
  });

  it('should refuse the token of an expired account without leaking anything', async () => {
    const token = await system.api.get<{ code: string }>(
      `/api/v1/social-account/${accountId}/token`,
    );
    expect(token.status).toBe(409);
    expect(token.body.code).toBe('reauth-required');
  });

  it('should never log a token, code, state or verifier in any process', () => {
    // codes, states, verifiers, launch tokens, and at least two generations of tokens were seen
    expect(secrets.size).toBeGreaterThanOrEqual(8);
    expect(system.allLines().length).toBeGreaterThan(50);
    expect(findSecrets(system.allLines(), secrets.list())).toEqual([]);
  });

  it("should export each service's consumer lag and outbox backlog, down to nothing waiting", async () => {
    // every sample carries the default `service` label besides its own
    const read = (text: string, metric: string, label = '') =>
      text
        .split('\n')
        .find((line) => line.startsWith(`${metric}{`) && line.includes(label))
        ?.split(' ')
        .pop();
    for (const name of ['gateway', 'token-vault', 'refresh-scheduler', 'notifier'] as const) {
      await waitFor(
        async () => {
          const text = await (await fetch(`http://127.0.0.1:${system.port(name)}/metrics`)).text();
          const undelivered = read(text, 'bus_consumer_pending', 'state="undelivered"');
          const unacked = read(text, 'bus_consumer_pending', 'state="unacked"');
          const backlog = read(text, 'bus_outbox_backlog');
          return undelivered === '0' && unacked === '0' && backlog === '0' ? true : undefined;
        },
        { timeoutMs: 20_000, what: `${name}: consumer lag and outbox backlog exported, at 0` },
      );
    }
  });

  it('should still have every process running', () => {
    expect(system.exited()).toEqual([]);
  });
});

import { waitFor } from '@switchboard/testing';
import { connectAccount, createTeam, PRODUCT_ORIGIN, type TeamFixture } from './support/flows';
import { FlowBrowser, withConsent } from './support/browser';
import { System } from './support/system';

interface Account {
  id: string;
  status: string;
  isMain: boolean;
  externalId: string;
  displayName: string;
}

describe('accounts: limits, main, holds, disconnect, reconnect', () => {
  const system = new System();

  beforeAll(() => system.start(), 180_000);
  afterAll(() => system.stop());

  async function teamOnPlan(plan: string): Promise<TeamFixture> {
    const team = await createTeam(system.api);
    // plans are set at creation; make a second team on the wanted plan with the same member layout
    const created = await system.api.post<{ id: string }>('/api/v1/team', {
      name: `${plan} team`,
      plan,
      allowedRedirectOrigins: [PRODUCT_ORIGIN],
    });
    const member = await system.api.post<{ id: string }>(`/api/v1/team/${created.body.id}/member`, {
      email: `o-${created.body.id.slice(0, 6)}@example.com`,
      role: 'admin',
    });
    return { ...team, teamId: created.body.id, memberId: member.body.id };
  }

  const list = async (teamId: string) =>
    (await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${teamId}`)).body
      .items;

  it('should stop at the plan limit with <type>-limit-reached', async () => {
    const team = await teamOnPlan('free');
    const first = await connectAccount(system.api, team, { type: 'TWITTER', user: 'lim-a' });
    expect(first.landedOn.searchParams.get('twitter-callback')).toBe('success');
    const second = await connectAccount(system.api, team, { type: 'TWITTER', user: 'lim-b' });
    expect(second.landedOn.searchParams.has('twitter-limit-reached')).toBe(true);
    expect(await list(team.teamId)).toHaveLength(1);
    // reconnecting the same account is not a new one
    const again = await connectAccount(system.api, team, { type: 'TWITTER', user: 'lim-a' });
    expect(again.landedOn.searchParams.get('twitter-callback')).toBe('success');
    expect(await list(team.teamId)).toHaveLength(1);
  });

  it('should hold the limit when 20 connects race', async () => {
    const team = await teamOnPlan('starter');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        connectAccount(system.api, team, { type: 'TWITTER', user: `race-${i}` }),
      ),
    );
    const outcomes: Record<string, number> = {};
    for (const r of results) {
      const key = [...r.landedOn.searchParams.entries()].map(([k, v]) => `${k}=${v}`).join('&');
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
    expect(outcomes).toEqual({ 'twitter-callback=success': 3, 'twitter-limit-reached=': 17 });
    expect(await list(team.teamId)).toHaveLength(3);
  });

  it('should keep exactly one main account per platform', async () => {
    const team = await teamOnPlan('starter');
    await connectAccount(system.api, team, { type: 'TWITTER', user: 'main-a' });
    await connectAccount(system.api, team, { type: 'TWITTER', user: 'main-b' });
    const [a, b] = await list(team.teamId);
    expect([a.isMain, b.isMain]).toEqual([true, false]);
    const res = await system.api.post<Account>(`/api/v1/social-account/${b.id}/main`, {});
    expect(res.status).toBe(200);
    expect(res.body.isMain).toBe(true);
    const after = await list(team.teamId);
    expect(after.filter((x) => x.isMain).map((x) => x.id)).toEqual([b.id]);
  });

  it('should refuse to disconnect an account on hold unless forced, then revoke and shred it', async () => {
    const team = await teamOnPlan('starter');
    await connectAccount(system.api, team, { type: 'TWITTER', user: 'hold-a' });
    const [account] = await list(team.teamId);
    const hold = await system.api.request<{ hold: { reason: string; count: number } }>(
      'PUT',
      `/api/v1/social-account/${account.id}/hold`,
      { reason: 'scheduled_posts', count: 3 },
    );
    expect(hold.body.hold).toMatchObject({ reason: 'scheduled_posts', count: 3 });
    const refused = await system.api.request<{ code: string; message: string }>(
      'DELETE',
      `/api/v1/social-account/${account.id}`,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('account-on-hold');
    expect(refused.body.message).toContain('scheduled_posts');
    const forced = await system.api.request(
      'DELETE',
      `/api/v1/social-account/${account.id}?force=true`,
    );
    expect(forced.status).toBe(204);
    const after = await system.api.get<Account>(`/api/v1/social-account/${account.id}`);
    expect(after.body.status).toBe('DISCONNECTED');
    const token = await system.api.get<{ code: string }>(
      `/api/v1/social-account/${account.id}/token`,
    );
    expect(token.status).toBe(404);
    expect(
      ((await system.sandbox.stats()) as unknown as { revokeCalls: Record<string, number> })
        .revokeCalls.TWITTER,
    ).toBeGreaterThanOrEqual(1);
    // disconnecting again changes nothing
    expect(
      (await system.api.request('DELETE', `/api/v1/social-account/${account.id}`)).status,
    ).toBe(204);
  });

  it('should reconnect with the same id, and refuse a different account', async () => {
    const team = await teamOnPlan('starter');
    await connectAccount(system.api, team, { type: 'TWITTER', user: 'rec-a' });
    const [account] = await list(team.teamId);
    await system.sandbox.revoke('TWITTER', 'rec-a');

    const reconnect = async (user: string) => {
      const link = await system.api.post<{ url: string }>(
        `/api/v1/social-account/${account.id}/reconnect`,
        { redirectUrl: team.redirectUrl },
      );
      expect(link.status).toBe(201);
      const browser = new FlowBrowser((u) => u.origin === PRODUCT_ORIGIN);
      const launch = await fetch(link.body.url, { redirect: 'manual' });
      browser.remember(link.body.url, launch.headers.getSetCookie());
      return new URL(
        (await browser.open(withConsent(launch.headers.get('location')!, user))).finalUrl,
      );
    };
    const wrong = await reconnect('rec-other');
    expect(wrong.searchParams.get('twitter-callback')).toBe('error');
    expect(wrong.searchParams.get('code')).toBe('reconnect-account-mismatch');
    const right = await reconnect('rec-a');
    expect(right.searchParams.get('twitter-callback')).toBe('success');
    const accounts = await list(team.teamId);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ id: account.id, status: 'ACTIVE' });
    await waitFor(
      async () =>
        (await system.api.get(`/api/v1/social-account/${account.id}/token`)).status === 200
          ? true
          : undefined,
      { timeoutMs: 10_000, what: 'a usable token after reconnect' },
    );
  });

  it("should answer 404 to a team key for another team's account on every account route", async () => {
    const teamA = await teamOnPlan('starter');
    const teamB = await teamOnPlan('starter');
    await connectAccount(system.api, teamB, { type: 'TWITTER', user: 'foreign-b' });
    const [foreign] = await list(teamB.teamId);
    const keyA = await system.api.post<{ key: string }>('/api/v1/api-key', {
      teamId: teamA.teamId,
      scopes: ['accounts:read', 'accounts:write', 'tokens:read'],
    });
    const api = system.api.withKey(keyA.body.key);
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/social-account/${foreign.id}`],
      ['GET', `/api/v1/social-account/${foreign.id}/token`],
      ['DELETE', `/api/v1/social-account/${foreign.id}`],
      ['POST', `/api/v1/social-account/${foreign.id}/reconnect`, {}],
      ['POST', `/api/v1/social-account/${foreign.id}/main`, {}],
      ['PUT', `/api/v1/social-account/${foreign.id}/hold`, { reason: 'x', count: 1 }],
      ['DELETE', `/api/v1/social-account/${foreign.id}/hold`],
      ['GET', `/api/v1/social-account/${foreign.id}/channels`],
      ['GET', `/api/v1/social-account?teamId=${teamB.teamId}`],
      ['GET', `/api/v1/team/${teamB.teamId}`],
      [
        'POST',
        '/api/v1/social-account/connect',
        { teamId: teamB.teamId, type: 'TWITTER', redirectUrl: teamB.redirectUrl },
      ],
    ];
    for (const [method, path, body] of calls) {
      const res = await api.request<{ code: string }>(method, path, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
    }
    expect(
      (await system.api.get<Account>(`/api/v1/social-account/${foreign.id}`)).body.status,
    ).toBe('ACTIVE');
  });
});

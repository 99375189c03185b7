import { waitFor } from '@switchboard/testing';
import { FlowBrowser, withConsent } from './support/browser';
import { createTeam, PRODUCT_ORIGIN, type TeamFixture } from './support/flows';
import { System } from './support/system';

interface Account {
  id: string;
  type: string;
  status: string;
  lastRefreshedAt: string | null;
}

interface Grant {
  clientId: string;
  user: string;
  status: string;
  refreshes: number;
}

/** The sandbox accepts any `sandbox-…` client id whose secret is `<client id>-secret`. */
const OWN_APP = {
  clientId: 'sandbox-acme-own-x-app',
  clientSecret: 'sandbox-acme-own-x-app-secret',
};
const DEPLOYMENT_CLIENT = 'sandbox-twitter-client';

/**
 * "Bring your own app": a team's developer app is used for that team's flows (its client id in
 * the authorization URL), refreshes and revocations, and for no other team; its secret is sealed
 * in the vault and never shown; deleting it sends new flows back to the deployment's app.
 */
describe('bring your own app', () => {
  const system = new System();
  let acme: TeamFixture;
  let other: TeamFixture;

  beforeAll(async () => {
    await system.start();
    acme = await createTeam(system.api, 'Acme (own X app)');
    other = await createTeam(system.api, 'Other (deployment app)');
    await system.sandbox.ttl('TWITTER', 8);
  }, 180_000);

  afterAll(() => system.stop());

  const appPath = (team: TeamFixture, type = 'TWITTER') =>
    `/api/v1/team/${team.teamId}/app/${type}`;
  const grants = async (user: string) =>
    (
      (await (
        await fetch(
          `http://127.0.0.1:${system.port('sandbox')}/_sandbox/grants?type=TWITTER&user=${user}`,
        )
      ).json()) as { items: Grant[] }
    ).items;

  /** Starts a flow and returns the provider's authorization URL, and how to finish it. */
  async function startFlow(team: TeamFixture) {
    const started = await system.api.post<{ url: string }>('/api/v1/social-account/connect', {
      teamId: team.teamId,
      type: 'TWITTER',
      redirectUrl: team.redirectUrl,
    });
    expect(started.status).toBe(201);
    const browser = new FlowBrowser((u) => u.origin === PRODUCT_ORIGIN);
    const launch = await fetch(started.body.url, { redirect: 'manual' });
    browser.remember(started.body.url, launch.headers.getSetCookie());
    const authorize = new URL(launch.headers.get('location')!);
    return {
      authorize,
      finish: async (user: string) =>
        new URL((await browser.open(withConsent(authorize.toString(), user))).finalUrl),
    };
  }

  it('stores the team’s app and shows which one is used, never the secret', async () => {
    const put = await system.api.request<Record<string, unknown>>('PUT', appPath(acme), OWN_APP);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      teamId: acme.teamId,
      type: 'TWITTER',
      clientId: OWN_APP.clientId,
      appKey: expect.stringMatching(/^team-[0-9a-f]{32}$/) as string,
    });
    const got = await system.api.get<Record<string, unknown>>(appPath(acme));
    expect(got.status).toBe(200);
    expect(got.body['clientId']).toBe(OWN_APP.clientId);
    expect(JSON.stringify(got.body)).not.toContain(OWN_APP.clientSecret);
    expect((await system.api.get(appPath(other))).status).toBe(404);
  });

  it('uses the team’s client id in its flows, and the deployment’s in the other team’s', async () => {
    expect((await startFlow(acme)).authorize.searchParams.get('client_id')).toBe(OWN_APP.clientId);
    expect((await startFlow(other)).authorize.searchParams.get('client_id')).toBe(
      DEPLOYMENT_CLIENT,
    );
  });

  it('refreshes the team’s connection with the team’s client credentials', async () => {
    const flow = await startFlow(acme);
    const landed = await flow.finish('carol');
    expect(landed.searchParams.get('twitter-callback')).toBe('success');
    const account = (
      await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${acme.teamId}`)
    ).body.items.find((a) => a.type === 'TWITTER')!;
    await waitFor(
      async () =>
        (await system.api.get<Account>(`/api/v1/social-account/${account.id}`)).body
          .lastRefreshedAt ?? undefined,
      { timeoutMs: 30_000, what: 'a refresh of the team app’s connection' },
    );
    // the sandbox authenticates the client on every refresh; the grant is the team app's
    const [grant] = await grants('carol');
    expect(grant).toMatchObject({ clientId: OWN_APP.clientId, status: 'active' });
    expect(grant.refreshes).toBeGreaterThanOrEqual(1);
  });

  it('revokes with the team’s app on disconnect', async () => {
    const account = (
      await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${acme.teamId}`)
    ).body.items.find((a) => a.type === 'TWITTER')!;
    const removed = await system.api.request('DELETE', `/api/v1/social-account/${account.id}`);
    expect(removed.status).toBeLessThan(300);
    await waitFor(
      async () => ((await grants('carol'))[0]?.status === 'revoked' ? true : undefined),
      { timeoutMs: 20_000, what: 'the grant to be revoked at the platform' },
    );
  });

  it('goes back to the deployment’s app once the team’s app is deleted', async () => {
    expect((await system.api.request('DELETE', appPath(acme))).status).toBe(204);
    expect((await system.api.get(appPath(acme))).status).toBe(404);
    expect((await startFlow(acme)).authorize.searchParams.get('client_id')).toBe(DEPLOYMENT_CLIENT);
  });

  it.each([
    ['MASTODON', 'validation-failed'],
    ['TELEGRAM', 'validation-failed'],
    ['MYSPACE', 'unknown-platform'],
  ])('refuses a team app for %s', async (type, code) => {
    const res = await system.api.request<{ code: string }>('PUT', appPath(acme, type), OWN_APP);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
  });

  it('refuses another team’s key (404) and a key without providers:write (403)', async () => {
    const key = await system.api.post<{ key: string }>('/api/v1/api-key', {
      teamId: other.teamId,
      scopes: ['accounts:read', 'accounts:write'],
    });
    const otherKey = system.api.withKey(key.body.key);
    expect((await otherKey.request('PUT', appPath(acme), OWN_APP)).status).toBe(404);
    expect((await otherKey.request('PUT', appPath(other), OWN_APP)).status).toBe(403);
  });

  it('never logs the app’s secret', () => {
    expect(system.allLines().join('\n')).not.toContain(OWN_APP.clientSecret);
  });
});

import { findSecrets, waitFor } from '@switchboard/testing';
import { FlowBrowser, withConsent } from './support/browser';
import { createTeam, PRODUCT_ORIGIN, type TeamFixture } from './support/flows';
import { SecretCollector } from './support/secrets';
import { System } from './support/system';

interface Account {
  id: string;
  type: string;
  externalId: string;
  displayName: string;
  status: string;
  statusReason: string | null;
  lastRefreshedAt: string | null;
}

interface Counters {
  nonceChallenges: number;
  pushedRequests: number;
  createSession: number;
  refreshSession: number;
  deleteSession: number;
}

const APP_PASSWORD = 'abcd-efgh-ijkl-mnop';

/**
 * Bluesky through the five running services and the sandbox's Bluesky (handle resolver, PLC
 * directory, PDS, authorization server with DPoP nonces): AT Protocol OAuth (handle → DID → PDS
 * → authorization server, PAR, DPoP with a `use_dpop_nonce` challenge answered, the gateway's
 * client-metadata document fetched by the authorization server) → refresh → disconnect with
 * revocation; and app-password sessions, created once and then renewed with refreshSession.
 */
describe('platforms: Bluesky through the running services', () => {
  const system = new System();
  let team: TeamFixture;
  /** A second team: the free plan allows one Bluesky account per team. */
  let sessionTeam: TeamFixture;
  let secrets: SecretCollector;
  let oauthAccount: Account;
  let sessionAccount: Account;

  beforeAll(async () => {
    await system.start();
    secrets = new SecretCollector(system.databaseUrl, system.keyringFile);
    secrets.add(system.adminKey, APP_PASSWORD);
    await system.sandbox.ttl('BLUESKY', 8);
    team = await createTeam(system.api, 'Bluesky');
    sessionTeam = await createTeam(system.api, 'Bluesky app passwords');
  }, 180_000);

  afterAll(() => system.stop());

  const accounts = async (teamId = team.teamId) =>
    (await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${teamId}`)).body
      .items;
  const counters = async () =>
    (await (await fetch(`${system.sandbox.url}/_sandbox/bluesky`)).json()) as Counters;

  it('publishes the client-metadata document its client_id points at', async () => {
    const res = await fetch(`${system.gatewayUrl}/oauth/bluesky/client-metadata.json`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({
      client_id: `${system.gatewayUrl}/oauth/bluesky/client-metadata.json`,
      redirect_uris: [`${system.gatewayUrl}/api/v1/social-account/callback/bluesky`],
      dpop_bound_access_tokens: true,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    });
  });

  it('connects with AT Protocol OAuth: PAR and DPoP, a use_dpop_nonce challenge answered', async () => {
    const before = await counters();
    const started = await system.api.post<{ url: string }>('/api/v1/social-account/connect', {
      teamId: team.teamId,
      type: 'BLUESKY',
      redirectUrl: team.redirectUrl,
      memberId: team.memberId,
      serverUrl: '@alice.bsky.sandbox',
    });
    expect(started.status).toBe(201);
    const browser = new FlowBrowser((url) => url.origin === PRODUCT_ORIGIN);
    const launch = await fetch(started.body.url, { redirect: 'manual' });
    browser.remember(started.body.url, launch.headers.getSetCookie());
    expect(launch.status).toBe(302);
    const atProvider = new URL(launch.headers.get('location')!);
    // PAR: the browser carries only client_id and request_uri
    expect([...atProvider.searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);
    expect(atProvider.searchParams.get('client_id')).toBe(
      `${system.gatewayUrl}/oauth/bluesky/client-metadata.json`,
    );
    await secrets.pendingVerifiers();
    const landed = new URL(
      (await browser.open(withConsent(atProvider.toString(), 'alice'))).finalUrl,
    );
    [started.body.url, ...browser.visited].forEach((url) => secrets.fromUrl(url));
    expect(Object.fromEntries(landed.searchParams)).toEqual({ 'bluesky-callback': 'success' });

    const after = await counters();
    expect(after.pushedRequests - before.pushedRequests).toBe(1);
    expect(after.nonceChallenges - before.nonceChallenges).toBeGreaterThanOrEqual(1);
    oauthAccount = (await accounts()).find((a) => a.type === 'BLUESKY')!;
    // the profile read from the PDS with the DPoP-bound token
    expect(oauthAccount).toMatchObject({ type: 'BLUESKY', status: 'ACTIVE', displayName: 'Alice' });
    expect(oauthAccount.externalId).toMatch(/^did:plc:[a-z2-7]{24}$/);
    await secrets.vaultTokens();
  });

  it('returns the DPoP-bound token with the PDS, the DID and the DPoP key', async () => {
    const token = await system.api.get<{
      accessToken: string;
      tokenType: string;
      extra: Record<string, unknown>;
    }>(`/api/v1/social-account/${oauthAccount.id}/token`);
    expect(token.status).toBe(200);
    expect(token.body.tokenType).toBe('DPoP');
    expect(token.body.extra).toMatchObject({
      did: oauthAccount.externalId,
      pdsUrl: `${system.sandbox.url}/bluesky`,
      dpopKey: { kty: 'EC', crv: 'P-256' },
    });
    const key = token.body.extra['dpopKey'] as Record<string, string>;
    expect(key['d']).toEqual(expect.any(String));
    expect(token.body).not.toHaveProperty('refreshToken');
    secrets.add(token.body.accessToken, key['d']);
  });

  it('refreshes ahead of expiry with DPoP, never reusing a refresh token', async () => {
    await waitFor(
      async () =>
        (await accounts()).find((a) => a.id === oauthAccount.id)?.lastRefreshedAt ?? undefined,
      { timeoutMs: 40_000, what: 'a Bluesky OAuth refresh' },
    );
    const stats = await system.sandbox.stats();
    expect(stats.tokenCalls['BLUESKY']?.['refresh_token']).toBeGreaterThanOrEqual(1);
    expect(stats.refreshTokenReuse).toBe(0);
    expect((await accounts()).find((a) => a.id === oauthAccount.id)?.status).toBe('ACTIVE');
    await secrets.vaultTokens();
  });

  it.each([
    ['a handle that does not resolve', 'nobody.example.invalid', 422, 'bluesky-handle-not-found'],
    ['something that is not a handle', 'not a handle', 400, 'bluesky-invalid-handle'],
    // did:web names its own host: a private address is refused before any request (SSRF guard)
    ['a did:web on a private address', 'did:web:10.0.0.1', 400, 'url-not-allowed'],
    ['a did:web on a link-local address', 'did:web:169.254.169.254', 400, 'url-not-allowed'],
  ])('refuses %s on the connect call', async (_label, serverUrl, status, code) => {
    const res = await system.api.post<{ code: string }>('/api/v1/social-account/connect', {
      teamId: team.teamId,
      type: 'BLUESKY',
      redirectUrl: team.redirectUrl,
      serverUrl,
    });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('connects with an app password synchronously: one createSession, then refreshSession', async () => {
    const before = await counters();
    const res = await system.api.post<Account>('/api/v1/social-account/connect', {
      teamId: sessionTeam.teamId,
      type: 'BLUESKY',
      redirectUrl: sessionTeam.redirectUrl,
      identifier: 'dave.bsky.sandbox',
      appPassword: APP_PASSWORD,
    });
    expect(res.status).toBe(201);
    expect(JSON.stringify(res.body)).not.toContain(APP_PASSWORD);
    sessionAccount = res.body;
    expect(sessionAccount).toMatchObject({
      type: 'BLUESKY',
      status: 'ACTIVE',
      displayName: 'Dave',
    });
    await secrets.vaultTokens();
    await waitFor(
      async () =>
        (await accounts(sessionTeam.teamId)).find((a) => a.id === sessionAccount.id)
          ?.lastRefreshedAt ?? undefined,
      { timeoutMs: 40_000, what: 'an app-password session refresh' },
    );
    const after = await counters();
    expect(after.createSession - before.createSession).toBe(1);
    expect(after.refreshSession - before.refreshSession).toBeGreaterThanOrEqual(1);
    await secrets.vaultTokens();
  });

  it('refuses a wrong app password with a 4xx that does not echo it', async () => {
    const res = await system.api.post<{ code: string; message: string }>(
      '/api/v1/social-account/connect',
      {
        teamId: sessionTeam.teamId,
        type: 'BLUESKY',
        redirectUrl: sessionTeam.redirectUrl,
        identifier: 'erin.bsky.sandbox',
        appPassword: 'hunter2-is-not-an-app-password',
      },
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('bluesky-invalid-credentials');
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
  });

  it('disconnects both: OAuth revoked at the authorization server, the session deleted', async () => {
    const stats = await system.sandbox.stats();
    const revokesBefore = stats.revokeCalls['BLUESKY'] ?? 0;
    const sessionsBefore = (await counters()).deleteSession;
    for (const account of [oauthAccount, sessionAccount]) {
      const res = await system.api.request('DELETE', `/api/v1/social-account/${account.id}`);
      expect(res.status).toBeLessThan(300);
    }
    await waitFor(
      async () => {
        const listed = [...(await accounts()), ...(await accounts(sessionTeam.teamId))];
        return [oauthAccount, sessionAccount].every(
          (a) => listed.find((l) => l.id === a.id)?.status === 'DISCONNECTED',
        )
          ? true
          : undefined;
      },
      { timeoutMs: 20_000, what: 'both Bluesky accounts DISCONNECTED' },
    );
    const after = await system.sandbox.stats();
    expect((after.revokeCalls['BLUESKY'] ?? 0) - revokesBefore).toBeGreaterThanOrEqual(2);
    expect((await counters()).deleteSession - sessionsBefore).toBe(1);
  });

  it('never logs a token, code, state, verifier, DPoP key or app password in any process', () => {
    expect(findSecrets(system.allLines(), secrets.list())).toEqual([]);
  });

  it('still has every process running', () => {
    expect(system.exited()).toEqual([]);
  });
});

import {
  createProviderRegistry,
  missingScopes,
  type ProviderAdapter,
} from '@switchboard/providers';

import type { GrantItem, StatsBody } from './support/control-types';
import { ADAPTER_REDIRECT_URI, AdapterHarness, providerFailure } from './support/adapter-harness';
import { basicAuth } from './support/sandbox-harness';

const BASIC = basicAuth('sandbox-reddit-client', 'sandbox-reddit-secret');

/** The sandbox's Reddit, driven by the real REDDIT adapter. */
describe('sandbox REDDIT', () => {
  let harness: AdapterHarness;
  let reddit: ProviderAdapter;

  beforeAll(async () => {
    harness = await AdapterHarness.start();
    reddit = harness.adapter('REDDIT', 500);
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('connects with duration=permanent: a one-hour token and a refresh token that never expires', async () => {
    const before = Date.now();
    const grant = await harness.connect(reddit, 'alice');
    expect(grant.refreshToken).not.toBeNull();
    expect(grant.refreshExpiresAt).toBeNull();
    expect(grant.expiresAt!.getTime() - before).toBeLessThanOrEqual(3_600_000 + 5_000);
    expect(await reddit.identify(grant)).toMatchObject({ displayName: 'u/alice' });
  });

  it('without duration=permanent the code brings no refresh token', async () => {
    const query = new URLSearchParams({
      client_id: 'sandbox-reddit-client',
      response_type: 'code',
      state: 's',
      redirect_uri: ADAPTER_REDIRECT_URI,
      duration: 'temporary',
      scope: 'identity',
      sandbox_user: 'alice',
      sandbox_action: 'approve',
    });
    const res = await fetch(`${harness.url}/reddit/api/v1/authorize?${query.toString()}`, {
      redirect: 'manual',
    });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const tokens = await reddit.exchangeCode({
      code,
      redirectUri: ADAPTER_REDIRECT_URI,
      codeVerifier: null,
    });
    expect(tokens.refreshToken).toBeNull();
  });

  it('a denial comes back as access_denied', async () => {
    expect(await harness.authorize(reddit, 'alice', 'deny')).toMatchObject({
      code: null,
      error: 'access_denied',
    });
  });

  it('a dropped scope shows in the granted scopes', async () => {
    const grant = await harness.connect(reddit, 'alice', 'drop-scopes:identity');
    expect(missingScopes(reddit.requiredScopes(), grant.scopes)).toEqual(['identity']);
    expect((await providerFailure(reddit.identify(grant))).kind).toBe('permission_lost');
  });

  it('refresh does not rotate: the same refresh token keeps working', async () => {
    const grant = await harness.connect(reddit, 'alice');
    const first = await reddit.refresh({ refreshToken: grant.refreshToken!, scopes: grant.scopes });
    const second = await reddit.refresh({
      refreshToken: grant.refreshToken!,
      scopes: grant.scopes,
    });
    expect(first.refreshToken).toBeNull();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect((await harness.control<StatsBody>('GET', '/stats')).refreshTokenReuse).toBe(0);
  });

  it('revoking the refresh token ends the grant; an unknown token is 204 too', async () => {
    const grant = await harness.connect(reddit, 'alice');
    expect(
      await reddit.revoke({ accessToken: grant.accessToken, refreshToken: grant.refreshToken }),
    ).toEqual({
      revoked: true,
    });
    expect(
      (await providerFailure(reddit.refresh({ refreshToken: grant.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
    expect(await reddit.revoke({ accessToken: null, refreshToken: 'never-issued' })).toEqual({
      revoked: true,
    });
  });

  it('the user withdraws access: refresh fails as reauth_required', async () => {
    const grant = await harness.connect(reddit, 'alice');
    await harness.control('POST', '/revoke', { type: 'REDDIT', user: 'alice' });
    expect(
      (await providerFailure(reddit.refresh({ refreshToken: grant.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
    const grants = await harness.control<{ items: GrantItem[] }>('GET', '/grants?type=REDDIT');
    expect(grants.items[0].revokedReason).toBe('user-withdrew');
  });

  it('token calls without a descriptive User-Agent are rate-limited (the adapter always sends one)', async () => {
    const res = await fetch(`${harness.url}/reddit/api/v1/access_token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: BASIC,
        'user-agent': 'node',
      },
      body: 'grant_type=refresh_token&refresh_token=x',
    });
    expect(res.status).toBe(429);
    const custom = createProviderRegistry({
      env: { SANDBOX_URL: harness.url, REDDIT_USER_AGENT: 'python-requests/2.31' },
    }).get('REDDIT');
    expect((await providerFailure(custom.refresh({ refreshToken: 'x', scopes: [] }))).status).toBe(
      429,
    );
  });

  describe.each([
    ['429', 'transient'],
    ['500', 'transient'],
    ['invalid_grant', 'reauth_required'],
    ['drop-response', 'transient'],
    ['timeout', 'transient'],
  ])('an injected %s on refresh', (kind, expected) => {
    it(`is ${expected}`, async () => {
      const grant = await harness.connect(reddit, 'alice');
      await harness.fail('REDDIT', kind, 1, 9);
      const error = await providerFailure(
        reddit.refresh({ refreshToken: grant.refreshToken!, scopes: [] }),
      );
      expect(error.kind).toBe(expected);
      if (kind === '429') expect(error.retryAfterSeconds).toBe(9);
    });
  });
});

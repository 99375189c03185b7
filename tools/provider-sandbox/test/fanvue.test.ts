import { missingScopes, type ProviderAdapter } from '@switchboard/providers';

import type { GrantItem, StatsBody } from './support/control-types';
import { ADAPTER_REDIRECT_URI, AdapterHarness, providerFailure } from './support/adapter-harness';

/** The sandbox's Fanvue, driven by the real FANVUE adapter. */
describe('sandbox FANVUE', () => {
  let harness: AdapterHarness;
  let fanvue: ProviderAdapter;

  beforeAll(async () => {
    harness = await AdapterHarness.start();
    fanvue = harness.adapter('FANVUE', 500);
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('connects with PKCE: a one-hour token, a refresh token (offline_access), the creator by uuid', async () => {
    const before = Date.now();
    const grant = await harness.connect(fanvue, 'alice');
    expect(grant.refreshToken).not.toBeNull();
    expect(grant.expiresAt!.getTime() - before).toBeLessThanOrEqual(3_600_000 + 5_000);
    const identity = await fanvue.identify(grant);
    expect(identity.externalId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(identity.displayName).toBe('Alice');
  });

  it('refuses an authorization request without a code challenge', async () => {
    const url = new URL(`${harness.url}/fanvue/oauth2/auth`);
    for (const [key, value] of Object.entries({
      response_type: 'code',
      client_id: 'sandbox-fanvue-client',
      redirect_uri: ADAPTER_REDIRECT_URI,
      scope: 'openid offline_access offline read:self',
      state: 's',
      sandbox_user: 'alice',
      sandbox_action: 'approve',
    })) {
      url.searchParams.set(key, value);
    }
    const res = await fetch(url, { redirect: 'manual' });
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('a denial comes back as access_denied; a dropped scope shows in the grant', async () => {
    expect(await harness.authorize(fanvue, 'alice', 'deny')).toMatchObject({
      error: 'access_denied',
    });
    const grant = await harness.connect(fanvue, 'alice', 'drop-scopes:read:self');
    expect(missingScopes(fanvue.requiredScopes(), grant.scopes)).toEqual(['read:self']);
    expect((await providerFailure(fanvue.identify(grant))).kind).toBe('permission_lost');
  });

  it('without offline_access there is no refresh token', async () => {
    const grant = await harness.connect(fanvue, 'alice', 'drop-scopes:offline_access');
    expect(grant.refreshToken).toBeNull();
    expect(fanvue.refreshable(grant)).toBe(false);
  });

  it('refresh tokens rotate; presenting a used one revokes the whole grant (reuse detection)', async () => {
    const grant = await harness.connect(fanvue, 'alice');
    const refreshed = await fanvue.refresh({
      refreshToken: grant.refreshToken!,
      scopes: grant.scopes,
    });
    expect(refreshed.refreshToken).not.toBe(grant.refreshToken);
    expect(await fanvue.identify(refreshed)).toMatchObject({ displayName: 'Alice' });

    const reused = await providerFailure(
      fanvue.refresh({ refreshToken: grant.refreshToken!, scopes: [] }),
    );
    expect(reused.kind).toBe('reauth_required');
    // the thief's token and the rightful one both die
    expect(
      (await providerFailure(fanvue.refresh({ refreshToken: refreshed.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
    expect((await providerFailure(fanvue.identify(refreshed))).kind).toBe('reauth_required');
    expect((await harness.control<StatsBody>('GET', '/stats')).refreshTokenReuse).toBe(1);
    const grants = await harness.control<{ items: GrantItem[] }>('GET', '/grants?type=FANVUE');
    expect(grants.items[0].revokedReason).toBe('refresh-token-reuse');
  });

  it('revocation at the authorization server ends the grant', async () => {
    const grant = await harness.connect(fanvue, 'alice');
    expect(
      await fanvue.revoke({ accessToken: grant.accessToken, refreshToken: grant.refreshToken }),
    ).toEqual({
      revoked: true,
    });
    expect((await providerFailure(fanvue.identify(grant))).kind).toBe('reauth_required');
  });

  it('the user withdraws access: refresh fails as reauth_required', async () => {
    const grant = await harness.connect(fanvue, 'alice');
    await harness.control('POST', '/revoke', { type: 'FANVUE', user: 'alice' });
    expect(
      (await providerFailure(fanvue.refresh({ refreshToken: grant.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
  });

  describe.each([
    ['429', 'transient'],
    ['500', 'transient'],
    ['invalid_grant', 'reauth_required'],
    ['drop-response', 'transient'],
    ['timeout', 'transient'],
  ])('an injected %s on refresh', (kind, expected) => {
    it(`is ${expected}`, async () => {
      const grant = await harness.connect(fanvue, 'alice');
      await harness.fail('FANVUE', kind, 1, 11);
      const error = await providerFailure(
        fanvue.refresh({ refreshToken: grant.refreshToken!, scopes: [] }),
      );
      expect(error.kind).toBe(expected);
      if (kind === '429') expect(error.retryAfterSeconds).toBe(11);
    });
  });
});

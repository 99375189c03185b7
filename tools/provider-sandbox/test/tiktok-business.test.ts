import { missingScopes } from '@switchboard/providers';

import { AdapterHarness, providerFailure } from './support/adapter-harness';

const DAY_MS = 24 * 3600 * 1000;

describe('TIKTOK_BUSINESS adapter against the sandbox', () => {
  let harness: AdapterHarness;

  beforeAll(async () => {
    harness = await AdapterHarness.start();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('connects through the Business API token endpoint and names the account with business/get', async () => {
    const business = harness.adapter('TIKTOK_BUSINESS');
    const before = Date.now();
    const tokens = await harness.connect(business, 'alice');
    expect(tokens.scopes).toEqual(business.defaultScopes());
    expect(tokens.extra['open_id']).toMatch(/^-000/);
    expect(tokens.expiresAt!.getTime() - before).toBeGreaterThan(0.99 * DAY_MS);
    expect(tokens.refreshExpiresAt!.getTime() - before).toBeGreaterThan(364 * DAY_MS);
    expect(business.channels).toBeNull();

    expect(await business.identify(tokens)).toEqual({
      externalId: tokens.extra['open_id'],
      displayName: 'Alice',
      avatarUrl: expect.stringContaining('/_sandbox/avatars/') as string,
    });
    // Its own connection type: the Login Kit's open_id is a different one.
    const loginKit = await harness.connect(harness.adapter('TIKTOK'), 'alice');
    expect(loginKit.extra['open_id']).not.toBe(tokens.extra['open_id']);
  });

  it('a Cancel comes back as access_denied', async () => {
    const response = await harness.authorize(harness.adapter('TIKTOK_BUSINESS'), 'alice', 'deny');
    expect(response).toMatchObject({ code: null, error: 'access_denied' });
  });

  it('an unticked user.info.basic: missing, and business/get refuses (permission_lost)', async () => {
    const business = harness.adapter('TIKTOK_BUSINESS');
    const tokens = await harness.connect(business, 'alice', 'drop-scopes:user.info.basic');
    expect(missingScopes(business.requiredScopes(), tokens.scopes)).toEqual(['user.info.basic']);
    expect(await providerFailure(business.identify(tokens))).toMatchObject({
      kind: 'permission_lost',
      status: 200,
      providerCode: '40006',
    });
  });

  it('refresh at its own endpoint: the refresh token comes back with its lifetime still counting down', async () => {
    const business = harness.adapter('TIKTOK_BUSINESS');
    const grant = await harness.connect(business, 'alice');
    const refreshed = await business.refresh({
      refreshToken: grant.refreshToken!,
      scopes: grant.scopes,
    });
    expect(refreshed.accessToken).not.toBe(grant.accessToken);
    expect(refreshed.refreshToken).toBe(grant.refreshToken);
    expect(refreshed.refreshExpiresAt!.getTime()).toBeLessThanOrEqual(
      grant.refreshExpiresAt!.getTime() + 1000,
    );
    expect((await business.identify(refreshed)).externalId).toBe(grant.extra['open_id']);
    const stats = await harness.control<{ tokenCalls: Record<string, Record<string, number>> }>(
      'GET',
      '/stats',
    );
    expect(stats.tokenCalls['TIKTOK_BUSINESS']).toEqual({
      authorization_code: 1,
      refresh_token: 1,
    });
  });

  it('revocation: business/get then answers 40105 (reauth_required), and so does the refresh', async () => {
    const business = harness.adapter('TIKTOK_BUSINESS');
    const grant = await harness.connect(business, 'alice');
    expect(
      await business.revoke({ accessToken: grant.accessToken, refreshToken: grant.refreshToken }),
    ).toEqual({
      revoked: true,
    });
    const error = await providerFailure(business.identify(grant));
    expect(error).toMatchObject({ kind: 'reauth_required', status: 200, providerCode: '40105' });
    expect(error.message).not.toContain(grant.accessToken);
    expect(
      (await providerFailure(business.refresh({ refreshToken: grant.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
  });

  it('a user who removes the app: the refresh is reauth_required', async () => {
    const business = harness.adapter('TIKTOK_BUSINESS');
    const grant = await harness.connect(business, 'alice');
    await harness.control('POST', '/revoke', { type: 'TIKTOK_BUSINESS', user: 'alice' });
    expect(
      (await providerFailure(business.refresh({ refreshToken: grant.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
  });

  it('errors arrive as HTTP 200 envelopes: 40100 and 50000 are transient, an injected invalid_grant is reauth_required', async () => {
    const business = harness.adapter('TIKTOK_BUSINESS');
    const grant = await harness.connect(business, 'alice');
    await harness.fail('TIKTOK_BUSINESS', '429', 1, 15);
    await harness.fail('TIKTOK_BUSINESS', '500', 1);
    await harness.fail('TIKTOK_BUSINESS', 'invalid_grant', 1);
    const refresh = () =>
      providerFailure(business.refresh({ refreshToken: grant.refreshToken!, scopes: [] }));
    expect(await refresh()).toMatchObject({
      kind: 'transient',
      status: 200,
      providerCode: '40100',
      retryAfterSeconds: 15,
    });
    expect(await refresh()).toMatchObject({ kind: 'transient', providerCode: '50000' });
    expect(await refresh()).toMatchObject({ kind: 'reauth_required', providerCode: '40105' });
  });
});

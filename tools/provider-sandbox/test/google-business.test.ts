import { missingScopes } from '@switchboard/providers';

import { AdapterHarness, providerFailure } from './support/adapter-harness';

const MANAGE = 'https://www.googleapis.com/auth/business.manage';

describe('GOOGLE_BUSINESS adapter against the sandbox', () => {
  let harness: AdapterHarness;

  beforeAll(async () => {
    harness = await AdapterHarness.start();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('lists accounts → locations with addresses that tell same-named branches apart', async () => {
    const business = harness.adapter('GOOGLE_BUSINESS');
    const grant = await harness.connect(business, 'alice');
    expect(business.channels).toMatchObject({
      noChannelsParam: 'google-business-not-enough-locations',
      multiple: true,
    });
    const candidates = await business.channels!.list(grant);
    expect(candidates).toHaveLength(2);
    for (const candidate of candidates) {
      expect(candidate).toMatchObject({ name: 'alice Shop', eligible: true, avatarUrl: null });
      expect(candidate.id).toMatch(/^accounts\/\d+\/locations\/\d+$/);
    }
    expect(candidates[0].detail).toMatch(/^\d+ Market Street, Springfield, IL 62701, US$/);
    expect(candidates[1].detail).toMatch(/^\d+ Main Street, Shelbyville, IL 62565, US$/);

    const chosen = await business.channels!.connect(grant, candidates[1].id);
    const [accounts, accountId, locations, locationId] = candidates[1].id.split('/');
    expect(chosen).toMatchObject({ externalId: candidates[1].id, displayName: 'alice Shop' });
    expect(chosen.tokens).toMatchObject({
      refreshToken: grant.refreshToken,
      extra: {
        accountName: `${accounts}/${accountId}`,
        locationName: `${locations}/${locationId}`,
        locationPath: candidates[1].id,
      },
    });
  });

  it('no location: no candidates (→ google-business-not-enough-locations)', async () => {
    const business = harness.adapter('GOOGLE_BUSINESS');
    expect(await business.channels!.list(await harness.connect(business, 'empty-bob'))).toEqual([]);
  });

  it('a Cancel comes back as access_denied', async () => {
    const response = await harness.authorize(harness.adapter('GOOGLE_BUSINESS'), 'alice', 'deny');
    expect(response).toMatchObject({ code: null, error: 'access_denied' });
  });

  it('an unticked business.manage: missing, and the accounts list is permission_lost', async () => {
    const business = harness.adapter('GOOGLE_BUSINESS');
    const grant = await harness.connect(business, 'alice', `drop-scopes:${MANAGE}`);
    expect(missingScopes(business.requiredScopes(), grant.scopes)).toEqual([MANAGE]);
    expect(await providerFailure(business.channels!.list(grant))).toMatchObject({
      kind: 'permission_lost',
      missingScopes: [MANAGE],
    });
  });

  it('refresh keeps the refresh token (null), revocation ends the grant', async () => {
    const business = harness.adapter('GOOGLE_BUSINESS');
    const grant = await harness.connect(business, 'alice');
    const refreshed = await business.refresh({
      refreshToken: grant.refreshToken!,
      scopes: grant.scopes,
    });
    expect(refreshed.refreshToken).toBeNull();
    expect((await business.channels!.list(refreshed)).length).toBe(2);

    expect(
      await business.revoke({
        accessToken: refreshed.accessToken,
        refreshToken: grant.refreshToken,
      }),
    ).toEqual({
      revoked: true,
    });
    expect((await providerFailure(business.channels!.list(refreshed))).kind).toBe(
      'reauth_required',
    );
    expect(
      (await providerFailure(business.refresh({ refreshToken: grant.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
  });

  it('a user who removes the app: reauth_required; a 429 is transient with Retry-After', async () => {
    const business = harness.adapter('GOOGLE_BUSINESS');
    const grant = await harness.connect(business, 'alice');
    await harness.fail('GOOGLE_BUSINESS', '429', 1, 60);
    expect(
      await providerFailure(business.refresh({ refreshToken: grant.refreshToken!, scopes: [] })),
    ).toMatchObject({
      kind: 'transient',
      retryAfterSeconds: 60,
    });
    await harness.control('POST', '/revoke', { type: 'GOOGLE_BUSINESS', user: 'alice' });
    expect(
      (await providerFailure(business.refresh({ refreshToken: grant.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
  });
});

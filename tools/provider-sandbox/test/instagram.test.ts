import {
  missingScopes,
  NO_INSTAGRAM_BUSINESS_ACCOUNT,
  type ProviderAdapter,
} from '@switchboard/providers';

import { AdapterHarness, providerFailure } from './support/adapter-harness';

/** The INSTAGRAM adapter (Instagram API with Facebook Login) against the sandbox. */
describe('INSTAGRAM (Facebook Login) against the sandbox', () => {
  let sandbox: AdapterHarness;
  let instagram: ProviderAdapter;

  beforeAll(async () => {
    sandbox = await AdapterHarness.start();
    instagram = sandbox.adapter('INSTAGRAM');
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('connects the Business account on a Page with the Page token, the Page and IG ids in extra', async () => {
    const grant = await sandbox.connect(instagram, 'alice');
    expect(missingScopes(instagram.requiredScopes(), grant.scopes)).toEqual([]);

    const candidates = await instagram.channels!.list(grant);
    expect(candidates).toEqual([
      expect.objectContaining({
        name: 'Alice',
        eligible: true,
        detail: "@alice_biz · Page: alice's Page",
      }),
      expect.objectContaining({
        name: "alice's Fan Page",
        eligible: false,
        detail: `${NO_INSTAGRAM_BUSINESS_ACCOUNT} to this Page`,
      }),
    ]);
    const account = candidates[0];
    const connection = await instagram.channels!.connect(grant, account.id);
    expect(connection).toMatchObject({
      externalId: account.id,
      tokens: {
        refreshToken: null,
        expiresAt: grant.expiresAt,
        extra: { igUserId: account.id },
      },
    });
    expect(connection.tokens.extra['pageId']).toMatch(/^\d+$/);
    // What Instagram's Graph calls need: the Page token reads the IG user.
    const res = await fetch(
      `${sandbox.url}/instagram/v23.0/${account.id}?fields=username&access_token=${connection.tokens.accessToken}`,
    );
    expect(await res.json()).toEqual({ id: account.id, username: 'alice_biz' });
  });

  it.each(['personal-pat', 'empty-erin'])(
    '%s: nothing eligible, with "No Instagram Business account linked" (instagram-not-enough-accounts)',
    async (user) => {
      const grant = await sandbox.connect(instagram, user);
      const candidates = await instagram.channels!.list(grant);
      expect(candidates.filter((candidate) => candidate.eligible)).toEqual([]);
      expect(candidates).toHaveLength(1);
      expect(candidates[0].detail).toContain(NO_INSTAGRAM_BUSINESS_ACCOUNT);
      expect(instagram.channels!.noChannelsParam).toBe('instagram-not-enough-accounts');
      const error = await providerFailure(instagram.channels!.connect(grant, candidates[0].id));
      expect(error.message).toContain(NO_INSTAGRAM_BUSINESS_ACCOUNT);
    },
  );

  it('denial → error=access_denied', async () => {
    expect(await sandbox.authorize(instagram, 'alice', 'deny')).toMatchObject({
      code: null,
      error: 'access_denied',
    });
  });

  it('a dropped instagram_basic: missing from the grant, and reading the account needs it', async () => {
    const grant = await sandbox.connect(instagram, 'alice', 'drop-scopes:instagram_basic');
    expect(missingScopes(instagram.requiredScopes(), grant.scopes)).toEqual(['instagram_basic']);
    expect(await providerFailure(instagram.channels!.list(grant))).toMatchObject({
      kind: 'permission_lost',
      missingScopes: ['instagram_basic'],
    });
  });

  it('revocation removes the app; the person withdrawing does the same', async () => {
    const grant = await sandbox.connect(instagram, 'alice');
    expect(await instagram.revoke({ accessToken: grant.accessToken, refreshToken: null })).toEqual({
      revoked: true,
    });
    expect(await providerFailure(instagram.channels!.list(grant))).toMatchObject({
      kind: 'reauth_required',
    });

    const again = await sandbox.connect(instagram, 'alice');
    await sandbox.control('POST', '/revoke', { type: 'INSTAGRAM', user: 'alice' });
    expect(await providerFailure(instagram.identify(again))).toMatchObject({
      kind: 'reauth_required',
      providerCode: '190/458',
    });
  });

  it('a throttled token call → transient with the usage estimate', async () => {
    await sandbox.fail('INSTAGRAM', '429', 1, 300);
    expect(await providerFailure(sandbox.connect(instagram, 'alice'))).toMatchObject({
      kind: 'transient',
      retryAfterSeconds: 300,
    });
  });
});

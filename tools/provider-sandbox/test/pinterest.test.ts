import { missingScopes, type ProviderAdapter } from '@switchboard/providers';

import type { GrantItem, StatsBody } from './support/control-types';
import { ADAPTER_REDIRECT_URI, AdapterHarness, providerFailure } from './support/adapter-harness';

/** The sandbox's Pinterest, driven by the real PINTEREST adapter. */
describe('sandbox PINTEREST', () => {
  let harness: AdapterHarness;
  let pinterest: ProviderAdapter;

  beforeAll(async () => {
    harness = await AdapterHarness.start();
    pinterest = harness.adapter('PINTEREST', 500);
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('connects: 30-day token, 60-day continuous refresh token, the account and its board', async () => {
    const before = Date.now();
    const grant = await harness.connect(pinterest, 'alice');
    expect(grant.scopes).toEqual([
      'boards:read',
      'user_accounts:read',
      'boards:write',
      'pins:read',
      'pins:write',
    ]);
    expect(grant.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 5_000);
    expect(grant.refreshExpiresAt!.getTime() - before).toBeGreaterThanOrEqual(
      60 * 86_400_000 - 5_000,
    );
    expect(grant.extra).toMatchObject({ response_type: 'authorization_code' });
    expect(await pinterest.identify(grant)).toMatchObject({ displayName: 'Alice' });
    const boards = await pinterest.channels!.list(grant);
    expect(boards).toEqual([expect.objectContaining({ name: "alice's board", eligible: true })]);
    const connection = await pinterest.channels!.connect(grant, boards[0].id);
    expect(connection.tokens.extra).toMatchObject({ boardId: boards[0].id });
  });

  it('a denial comes back as access_denied with the state', async () => {
    const response = await harness.authorize(pinterest, 'alice', 'deny');
    expect(response).toMatchObject({ code: null, error: 'access_denied' });
    expect(response.state).not.toBeNull();
  });

  it('a dropped scope shows in the granted scopes (and boards cannot be listed without it)', async () => {
    const grant = await harness.connect(pinterest, 'alice', 'drop-scopes:boards:read');
    expect(missingScopes(pinterest.requiredScopes(), grant.scopes)).toEqual(['boards:read']);
    expect((await providerFailure(pinterest.channels!.list(grant))).kind).toBe('permission_lost');
  });

  it('a user without boards has no channel to offer', async () => {
    const grant = await harness.connect(pinterest, 'empty-bob');
    expect(await pinterest.channels!.list(grant)).toEqual([]);
  });

  it('refresh rotates: a new refresh token with a new 60-day expiry; the old one is dead', async () => {
    const grant = await harness.connect(pinterest, 'alice');
    const refreshed = await pinterest.refresh({
      refreshToken: grant.refreshToken!,
      scopes: grant.scopes,
    });
    expect(refreshed.refreshToken).not.toBe(grant.refreshToken);
    expect(refreshed.refreshExpiresAt).not.toBeNull();
    expect(refreshed.extra).toMatchObject({ response_type: 'refresh_token' });
    expect(await pinterest.identify(refreshed)).toMatchObject({ displayName: 'Alice' });

    const reused = await providerFailure(
      pinterest.refresh({ refreshToken: grant.refreshToken!, scopes: [] }),
    );
    expect(reused.kind).toBe('reauth_required');
    const again = await pinterest.refresh({ refreshToken: refreshed.refreshToken!, scopes: [] });
    expect(again.accessToken).not.toBe(refreshed.accessToken);
    const stats = await harness.control<StatsBody>('GET', '/stats');
    expect(stats.tokenCalls['PINTEREST']).toEqual({ authorization_code: 1, refresh_token: 3 });
  });

  it('the user withdraws access: refresh and API calls fail as reauth_required', async () => {
    const grant = await harness.connect(pinterest, 'alice');
    await harness.control('POST', '/revoke', { type: 'PINTEREST', user: 'alice' });
    expect(
      (await providerFailure(pinterest.refresh({ refreshToken: grant.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
    expect((await providerFailure(pinterest.identify(grant))).kind).toBe('reauth_required');
  });

  it('revoking a user token is refused (system users only): not revoked, the grant lives on', async () => {
    const grant = await harness.connect(pinterest, 'alice');
    expect(
      await pinterest.revoke({ accessToken: grant.accessToken, refreshToken: grant.refreshToken }),
    ).toEqual({
      revoked: false,
    });
    const grants = await harness.control<{ items: GrantItem[] }>('GET', '/grants?type=PINTEREST');
    expect(grants.items[0].status).toBe('active');
  });

  it('the code exchange is HTTP Basic only: body credentials are refused', async () => {
    const response = await harness.authorize(pinterest, 'alice');
    const res = await fetch(`${harness.url}/pinterest/v5/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: response.code!,
        redirect_uri: ADAPTER_REDIRECT_URI,
        client_id: 'sandbox-pinterest-client',
        client_secret: 'sandbox-pinterest-secret',
      }).toString(),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 2, message: 'Authentication failed.' });
  });

  describe.each([
    ['429', 'transient'],
    ['500', 'transient'],
    ['invalid_grant', 'reauth_required'],
    ['drop-response', 'transient'],
    ['timeout', 'transient'],
  ])('an injected %s on refresh', (kind, expected) => {
    it(`is ${expected}`, async () => {
      const grant = await harness.connect(pinterest, 'alice');
      await harness.fail('PINTEREST', kind, 1, 7);
      const error = await providerFailure(
        pinterest.refresh({ refreshToken: grant.refreshToken!, scopes: [] }),
      );
      expect(error.kind).toBe(expected);
      if (kind === '429') expect(error.retryAfterSeconds).toBe(7);
    });
  });
});

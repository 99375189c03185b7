import { missingScopes } from '@switchboard/providers';

import { ADAPTER_REDIRECT_URI, AdapterHarness, providerFailure } from './support/adapter-harness';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

describe('TIKTOK adapter against the sandbox', () => {
  let harness: AdapterHarness;

  beforeAll(async () => {
    harness = await AdapterHarness.start();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('connects with client_key: open_id in extra, lifetimes from the answer, identity from /v2/user/info/', async () => {
    const tiktok = harness.adapter('TIKTOK');
    const before = Date.now();
    const tokens = await harness.connect(tiktok, 'alice');

    expect(tokens.scopes).toEqual(tiktok.defaultScopes());
    expect(tokens.extra).toEqual({ open_id: expect.stringMatching(/^-000/) as string });
    expect(tokens.expiresAt!.getTime() - before).toBeGreaterThan(1.9 * HOUR_MS);
    expect(tokens.expiresAt!.getTime() - before).toBeLessThanOrEqual(2 * HOUR_MS + 5000);
    expect(tokens.refreshExpiresAt!.getTime() - before).toBeGreaterThan(179 * DAY_MS);
    expect(tiktok.refreshRotates).toBe(true);
    expect(tiktok.channels).toBeNull();

    const identity = await tiktok.identify(tokens);
    expect(identity).toEqual({
      externalId: tokens.extra['open_id'],
      displayName: 'Alice',
      avatarUrl: expect.stringContaining('/_sandbox/avatars/') as string,
    });
  });

  it('lifetimes are read at runtime (a /_sandbox/ttl change shows in the next tokens)', async () => {
    await harness.control('POST', '/ttl', {
      type: 'TIKTOK',
      accessTtlSeconds: 600,
      refreshTtlSeconds: 7200,
    });
    const before = Date.now();
    const tokens = await harness.connect(harness.adapter('TIKTOK'), 'alice');
    expect(tokens.expiresAt!.getTime() - before).toBeLessThanOrEqual(600_000 + 5000);
    expect(tokens.refreshExpiresAt!.getTime() - before).toBeLessThanOrEqual(7_200_000 + 5000);
  });

  it('without sandbox_action TikTok shows a consent page that posts back with the client', async () => {
    const tiktok = harness.adapter('TIKTOK');
    const url = tiktok.authorizationUrl({
      state: 'state-9',
      redirectUri: ADAPTER_REDIRECT_URI,
      scopes: tiktok.defaultScopes(),
      codeChallenge: null,
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="client_id" value="sandbox-tiktok-client"');
    const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
      ([, name, value]) => [name, value.replace(/&amp;/g, '&')] as [string, string],
    );
    const posted = await fetch(url.split('?')[0], {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ...fields,
        ['sandbox_user', 'alice'],
        ['sandbox_action', 'approve'],
      ]),
    });
    expect(posted.status).toBe(302);
    const back = new URL(posted.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('state-9');
    const tokens = await tiktok.exchangeCode({
      code: back.searchParams.get('code')!,
      redirectUri: ADAPTER_REDIRECT_URI,
      codeVerifier: null,
    });
    expect(tokens.scopes).toEqual(tiktok.defaultScopes());
  });

  it('an authorize request naming the app as client_id (not client_key) is refused on a page', async () => {
    const url = new URL(`${harness.url}/tiktok/v2/auth/authorize/`);
    url.search = new URLSearchParams({
      client_id: 'not-a-sandbox-app',
      response_type: 'code',
      redirect_uri: ADAPTER_REDIRECT_URI,
      scope: 'user.info.basic',
    }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Unknown client_id');
  });

  it('a Cancel comes back as access_denied', async () => {
    const response = await harness.authorize(harness.adapter('TIKTOK'), 'alice', 'deny');
    expect(response).toMatchObject({ code: null, error: 'access_denied' });
  });

  it('an unticked user.info.basic is missing, and the API says scope_not_authorized (permission_lost)', async () => {
    const tiktok = harness.adapter('TIKTOK');
    const tokens = await harness.connect(tiktok, 'alice', 'drop-scopes:user.info.basic');
    expect(missingScopes(tiktok.requiredScopes(), tokens.scopes)).toEqual(['user.info.basic']);
    expect(await providerFailure(tiktok.identify(tokens))).toMatchObject({
      kind: 'permission_lost',
      status: 401,
      providerCode: 'scope_not_authorized',
    });
  });

  it('refresh rotates: a new refresh token, and the previous one stops working', async () => {
    const tiktok = harness.adapter('TIKTOK');
    const first = await harness.connect(tiktok, 'alice');
    const second = await tiktok.refresh({
      refreshToken: first.refreshToken!,
      scopes: first.scopes,
    });
    expect(second.refreshToken).not.toBeNull();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.extra['open_id']).toBe(first.extra['open_id']);
    // The refresh token's lifetime counts from the first authorization.
    expect(second.refreshExpiresAt!.getTime()).toBeLessThanOrEqual(
      first.refreshExpiresAt!.getTime() + 1000,
    );

    const reused = await providerFailure(
      tiktok.refresh({ refreshToken: first.refreshToken!, scopes: [] }),
    );
    expect(reused).toMatchObject({ kind: 'reauth_required', providerCode: 'invalid_grant' });
    const third = await tiktok.refresh({ refreshToken: second.refreshToken!, scopes: [] });
    expect((await tiktok.identify(third)).externalId).toBe(first.extra['open_id']);
  });

  it('a rotation whose answer was lost leaves the chain broken: the next refresh is reauth_required', async () => {
    const tiktok = harness.adapter('TIKTOK');
    const tokens = await harness.connect(tiktok, 'alice');
    await harness.fail('TIKTOK', 'drop-response', 1);
    expect(
      (await providerFailure(tiktok.refresh({ refreshToken: tokens.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('transient');
    expect(
      (await providerFailure(tiktok.refresh({ refreshToken: tokens.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
  });

  it('revocation: the app leaves the user, the token and the refresh token die', async () => {
    const tiktok = harness.adapter('TIKTOK');
    const tokens = await harness.connect(tiktok, 'alice');
    expect(
      await tiktok.revoke({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }),
    ).toEqual({
      revoked: true,
    });
    expect(await providerFailure(tiktok.identify(tokens))).toMatchObject({
      kind: 'reauth_required',
      providerCode: 'access_token_invalid',
    });
    expect(
      (await providerFailure(tiktok.refresh({ refreshToken: tokens.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
    const stats = await harness.control<{ revokeCalls: Record<string, number> }>('GET', '/stats');
    expect(stats.revokeCalls['TIKTOK']).toBe(1);
  });

  it('a user who removes the app: the refresh is reauth_required', async () => {
    const tiktok = harness.adapter('TIKTOK');
    const tokens = await harness.connect(tiktok, 'alice');
    await harness.control('POST', '/revoke', { type: 'TIKTOK', user: 'alice' });
    expect(
      (await providerFailure(tiktok.refresh({ refreshToken: tokens.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
  });

  it('transient: rate_limit_exceeded 429 with Retry-After, internal_error 500', async () => {
    const tiktok = harness.adapter('TIKTOK');
    const tokens = await harness.connect(tiktok, 'alice');
    await harness.fail('TIKTOK', '429', 1, 30);
    await harness.fail('TIKTOK', '500', 1);
    const refresh = () =>
      providerFailure(tiktok.refresh({ refreshToken: tokens.refreshToken!, scopes: [] }));
    expect(await refresh()).toMatchObject({
      kind: 'transient',
      status: 429,
      providerCode: 'rate_limit_exceeded',
      retryAfterSeconds: 30,
    });
    expect(await refresh()).toMatchObject({
      kind: 'transient',
      status: 500,
      providerCode: 'internal_error',
    });
    // The faults answered before the grant ran: the refresh token still works.
    expect(
      (await tiktok.refresh({ refreshToken: tokens.refreshToken!, scopes: [] })).refreshToken,
    ).not.toBeNull();
    const stats = await harness.control<{ tokenCalls: Record<string, Record<string, number>> }>(
      'GET',
      '/stats',
    );
    expect(stats.tokenCalls['TIKTOK']).toEqual({ authorization_code: 1, refresh_token: 3 });
  });
});

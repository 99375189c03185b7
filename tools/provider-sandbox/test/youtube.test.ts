import { generatePkce, missingScopes } from '@switchboard/providers';

import { ADAPTER_REDIRECT_URI, AdapterHarness, providerFailure } from './support/adapter-harness';

const READONLY = 'https://www.googleapis.com/auth/youtube.readonly';

describe('YOUTUBE adapter against the sandbox', () => {
  let harness: AdapterHarness;

  beforeAll(async () => {
    harness = await AdapterHarness.start();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('connects offline with PKCE, lists the channel with its subscribers, and stores it with the grant', async () => {
    const youtube = harness.adapter('YOUTUBE');
    const response = await harness.authorize(youtube, 'alice');
    // Google now sends iss, but not for everyone: the adapter does not require it.
    expect(response.iss).toBe(`${harness.url}/youtube`);
    expect(youtube.expectedIssuer).toBeNull();
    const grant = await youtube.exchangeCode({
      code: response.code!,
      redirectUri: ADAPTER_REDIRECT_URI,
      codeVerifier: response.verifier,
    });
    expect(grant.refreshToken).not.toBeNull();
    expect(grant.refreshExpiresAt).toBeNull();
    expect(grant.scopes).toEqual(youtube.defaultScopes());
    expect(grant.extra).toEqual({});
    expect(youtube.channels).toMatchObject({
      noChannelsParam: 'youtube-not-enough-channels',
      multiple: false,
    });

    const identity = await youtube.identify(grant);
    expect(identity.externalId).toMatch(/^\d{21}$/);

    const candidates = await youtube.channels!.list(grant);
    expect(candidates).toEqual([
      {
        id: expect.stringMatching(/^UC\d+$/) as string,
        name: 'alice Channel',
        avatarUrl: expect.stringContaining('/_sandbox/avatars/') as string,
        eligible: true,
        detail: expect.stringMatching(/^@alice · [\d,]+ subscribers?$/) as string,
      },
    ]);
    const chosen = await youtube.channels!.connect(grant, candidates[0].id);
    expect(chosen).toMatchObject({ externalId: candidates[0].id, displayName: 'alice Channel' });
    expect(chosen.tokens).toMatchObject({
      refreshToken: grant.refreshToken,
      extra: { channelId: candidates[0].id },
    });
  });

  it('without access_type=offline Google issues no refresh token (the adapter always asks for it)', async () => {
    const youtube = harness.adapter('YOUTUBE');
    const pkce = generatePkce();
    const url = new URL(
      youtube.authorizationUrl({
        state: 'state-1',
        redirectUri: ADAPTER_REDIRECT_URI,
        scopes: youtube.defaultScopes(),
        codeChallenge: pkce.challenge,
      }),
    );
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('prompt')).toBe('consent');
    url.searchParams.delete('access_type');
    url.searchParams.set('sandbox_user', 'alice');
    url.searchParams.set('sandbox_action', 'approve');
    const res = await fetch(url, { redirect: 'manual' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const grant = await youtube.exchangeCode({
      code,
      redirectUri: ADAPTER_REDIRECT_URI,
      codeVerifier: pkce.verifier,
    });
    expect(grant.accessToken).toMatch(/^sbx_at_/);
    expect(grant.refreshToken).toBeNull();
    expect(youtube.refreshable(grant)).toBe(false);
  });

  it('a returning user gets a refresh token again only because the adapter sends prompt=consent', async () => {
    const youtube = harness.adapter('YOUTUBE');
    await harness.connect(youtube, 'alice');
    const pkce = generatePkce();
    const url = new URL(
      youtube.authorizationUrl({
        state: 'state-2',
        redirectUri: ADAPTER_REDIRECT_URI,
        scopes: youtube.defaultScopes(),
        codeChallenge: pkce.challenge,
      }),
    );
    url.searchParams.delete('prompt');
    url.searchParams.set('sandbox_user', 'alice');
    url.searchParams.set('sandbox_action', 'approve');
    const res = await fetch(url, { redirect: 'manual' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const again = await youtube.exchangeCode({
      code,
      redirectUri: ADAPTER_REDIRECT_URI,
      codeVerifier: pkce.verifier,
    });
    expect(again.refreshToken).toBeNull();
    expect((await harness.connect(youtube, 'alice')).refreshToken).not.toBeNull();
  });

  it('the consent page keeps access_type and prompt, so a browser approval still gets a refresh token', async () => {
    const youtube = harness.adapter('YOUTUBE');
    const pkce = generatePkce();
    const url = youtube.authorizationUrl({
      state: 'state-3',
      redirectUri: ADAPTER_REDIRECT_URI,
      scopes: youtube.defaultScopes(),
      codeChallenge: pkce.challenge,
    });
    const html = await (await fetch(url)).text();
    expect(html).toContain('name="access_type" value="offline"');
    const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
      ([, name, value]) => [name, value.replace(/&amp;/g, '&')] as [string, string],
    );
    const posted = await fetch(url.split('?')[0], {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ...fields,
        ['sandbox_user', 'dora'],
        ['sandbox_action', 'approve'],
      ]),
    });
    const code = new URL(posted.headers.get('location')!).searchParams.get('code')!;
    const grant = await youtube.exchangeCode({
      code,
      redirectUri: ADAPTER_REDIRECT_URI,
      codeVerifier: pkce.verifier,
    });
    expect(grant.refreshToken).not.toBeNull();
  });

  it('a Cancel comes back as access_denied', async () => {
    const response = await harness.authorize(harness.adapter('YOUTUBE'), 'alice', 'deny');
    expect(response).toMatchObject({ code: null, error: 'access_denied' });
  });

  it('no channel on the account: no candidates (→ youtube-not-enough-channels)', async () => {
    const youtube = harness.adapter('YOUTUBE');
    expect(await youtube.channels!.list(await harness.connect(youtube, 'empty-bob'))).toEqual([]);
  });

  it('an unticked youtube.readonly: missing, and channels.list is permission_lost naming the scope', async () => {
    const youtube = harness.adapter('YOUTUBE');
    const grant = await harness.connect(youtube, 'alice', `drop-scopes:${READONLY}`);
    expect(missingScopes(youtube.requiredScopes(), grant.scopes)).toEqual([READONLY]);
    expect(await providerFailure(youtube.channels!.list(grant))).toMatchObject({
      kind: 'permission_lost',
      status: 403,
      providerCode: 'PERMISSION_DENIED',
      missingScopes: [READONLY],
    });
  });

  it('refresh returns no refresh token: null, so the vault keeps the one it holds', async () => {
    const youtube = harness.adapter('YOUTUBE');
    const grant = await harness.connect(youtube, 'alice');
    const refreshed = await youtube.refresh({
      refreshToken: grant.refreshToken!,
      scopes: grant.scopes,
    });
    expect(refreshed.refreshToken).toBeNull();
    expect(refreshed.accessToken).not.toBe(grant.accessToken);
    expect(refreshed.scopes).toEqual(grant.scopes);
    expect(youtube.refreshRotates).toBe(false);
    // The old refresh token keeps working.
    expect(
      (await youtube.refresh({ refreshToken: grant.refreshToken!, scopes: [] })).accessToken,
    ).toMatch(/^sbx_at_/);
  });

  it('revocation ends the grant; revoking again is fine; the refresh then says "Token has been expired or revoked."', async () => {
    const youtube = harness.adapter('YOUTUBE');
    const grant = await harness.connect(youtube, 'alice');
    const both = { accessToken: grant.accessToken, refreshToken: grant.refreshToken };
    expect(await youtube.revoke(both)).toEqual({ revoked: true });
    expect(await youtube.revoke(both)).toEqual({ revoked: true });
    const error = await providerFailure(
      youtube.refresh({ refreshToken: grant.refreshToken!, scopes: [] }),
    );
    expect(error).toMatchObject({ kind: 'reauth_required', providerCode: 'invalid_grant' });
    expect(error.message).toContain('Token has been expired or revoked.');
    expect(await providerFailure(youtube.channels!.list(grant))).toMatchObject({
      kind: 'reauth_required',
      status: 401,
      providerCode: 'UNAUTHENTICATED',
    });
  });

  it('a channel the grant does not reach cannot be connected', async () => {
    const youtube = harness.adapter('YOUTUBE');
    const grant = await harness.connect(youtube, 'alice');
    expect((await providerFailure(youtube.channels!.connect(grant, 'UC000'))).kind).toBe(
      'permission_lost',
    );
  });

  it('transient: 429 RESOURCE_EXHAUSTED with Retry-After, 500; reauth: an injected invalid_grant', async () => {
    const youtube = harness.adapter('YOUTUBE');
    const grant = await harness.connect(youtube, 'alice');
    await harness.fail('YOUTUBE', '429', 1, 120);
    await harness.fail('YOUTUBE', '500', 1);
    await harness.fail('YOUTUBE', 'invalid_grant', 1);
    const refresh = () =>
      providerFailure(youtube.refresh({ refreshToken: grant.refreshToken!, scopes: [] }));
    expect(await refresh()).toMatchObject({
      kind: 'transient',
      status: 429,
      providerCode: 'RESOURCE_EXHAUSTED',
      retryAfterSeconds: 120,
    });
    expect(await refresh()).toMatchObject({
      kind: 'transient',
      status: 500,
      providerCode: 'INTERNAL',
    });
    expect(await refresh()).toMatchObject({
      kind: 'reauth_required',
      providerCode: 'invalid_grant',
    });
  });
});

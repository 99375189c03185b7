import {
  createProviderRegistry,
  missingScopes,
  type ProviderAdapter,
  type TokenSet,
} from '@switchboard/providers';

import type { GrantItem, StatsBody } from './support/control-types';
import { ADAPTER_REDIRECT_URI, AdapterHarness, providerFailure } from './support/adapter-harness';

/** The FACEBOOK adapter against the sandbox's Facebook Login + Graph API, end to end. */
describe('FACEBOOK against the sandbox', () => {
  let sandbox: AdapterHarness;
  let facebook: ProviderAdapter;

  beforeAll(async () => {
    sandbox = await AdapterHarness.start();
    facebook = sandbox.adapter('FACEBOOK');
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  interface GraphBody {
    readonly id?: string;
    readonly error?: { readonly code: number; readonly error_subcode?: number };
  }

  async function graph(path: string, token: string): Promise<{ status: number; body: GraphBody }> {
    const url = new URL(`${sandbox.url}/facebook/v23.0${path}`);
    url.searchParams.set('access_token', token);
    const res = await fetch(url);
    return { status: res.status, body: (await res.json()) as GraphBody };
  }

  async function grants(): Promise<GrantItem[]> {
    return (await sandbox.control<{ items: GrantItem[] }>('GET', '/grants?type=FACEBOOK')).items;
  }

  it('connects a Page: long-lived user token, Pages with and without the role, a non-expiring Page token', async () => {
    const before = Date.now();
    const response = await sandbox.authorize(facebook, 'alice');
    expect(response).toMatchObject({ error: null, iss: null });
    const grant = await facebook.exchangeCode({
      code: response.code!,
      redirectUri: ADAPTER_REDIRECT_URI,
      codeVerifier: null,
    });
    // ~60 days, read from the long-lived exchange's expires_in.
    expect(grant.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 5_183_944_000);
    expect(grant.expiresAt!.getTime()).toBeLessThan(Date.now() + 5_183_944_000 + 1000);
    expect(missingScopes(facebook.requiredScopes(), grant.scopes)).toEqual([]);
    expect(facebook.refreshable(grant)).toBe(false);
    expect(await facebook.identify(grant)).toMatchObject({ displayName: 'Alice' });

    const candidates = await facebook.channels!.list(grant);
    expect(candidates).toEqual([
      expect.objectContaining({ name: "alice's Page", eligible: true, detail: 'Brand' }),
      expect.objectContaining({ name: "alice's Fan Page", eligible: false }),
    ]);
    const page = candidates[0];
    const connection = await facebook.channels!.connect(grant, page.id);
    expect(connection).toMatchObject({
      externalId: page.id,
      displayName: "alice's Page",
      tokens: { refreshToken: null, expiresAt: grant.expiresAt, extra: { pageId: page.id } },
    });
    // The Page token works as the Page, and never expires on its own.
    const me = await graph('/me', connection.tokens.accessToken);
    expect(me.body).toMatchObject({ id: page.id });
    const debug = await fetch(
      `${sandbox.url}/facebook/v23.0/debug_token?input_token=${connection.tokens.accessToken}&access_token=sandbox-facebook-client|sandbox-facebook-secret`,
    );
    expect(((await debug.json()) as { data: unknown }).data).toMatchObject({
      type: 'PAGE',
      is_valid: true,
      expires_at: 0,
      profile_id: page.id,
    });
    // Switching to the other Page later needs no new authorization, but it is not eligible.
    expect(
      await providerFailure(facebook.channels!.connect(grant, candidates[1].id)),
    ).toMatchObject({ kind: 'permission_lost' });

    const stats = await sandbox.control<StatsBody>('GET', '/stats');
    expect(stats.tokenCalls['FACEBOOK']).toEqual({ authorization_code: 1, fb_exchange_token: 1 });
  });

  it('reads lifetimes at runtime (/_sandbox/ttl)', async () => {
    await sandbox.control('POST', '/ttl', { type: 'FACEBOOK', accessTtlSeconds: 7200 });
    const before = Date.now();
    const grant = await sandbox.connect(facebook, 'alice');
    expect(grant.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(7_200_000);
    expect(grant.expiresAt!.getTime() - before).toBeLessThan(7_300_000);
  });

  it('serves the login dialog at other Graph versions too', async () => {
    const url = new URL(
      facebook.authorizationUrl({
        state: 'st',
        redirectUri: ADAPTER_REDIRECT_URI,
        scopes: facebook.defaultScopes(),
        codeChallenge: null,
      }),
    );
    url.pathname = url.pathname.replace('v23.0', 'v19.0');
    url.searchParams.set('sandbox_user', 'alice');
    url.searchParams.set('sandbox_action', 'approve');
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('code')).toMatch(/^sbx_ac_/);
  });

  it('denial: Cancel on the dialog redirects back with error=access_denied and the state', async () => {
    const response = await sandbox.authorize(facebook, 'alice', 'deny');
    expect(response).toMatchObject({ code: null, error: 'access_denied' });
    expect(response.state).not.toBeNull();
  });

  it('a dropped scope shows in the granted permissions, and listing Pages then needs it', async () => {
    const grant = await sandbox.connect(facebook, 'alice', 'drop-scopes:pages_show_list');
    expect(missingScopes(facebook.requiredScopes(), grant.scopes)).toEqual(['pages_show_list']);
    expect(await providerFailure(facebook.channels!.list(grant))).toMatchObject({
      kind: 'permission_lost',
      status: 403,
      providerCode: '10',
      missingScopes: ['pages_show_list'],
    });
  });

  it('no Pages: nothing to choose (the flow answers facebook-not-enough-pages)', async () => {
    const grant = await sandbox.connect(facebook, 'empty-erin');
    expect(await facebook.channels!.list(grant)).toEqual([]);
    expect(facebook.channels!.noChannelsParam).toBe('facebook-not-enough-pages');
  });

  it('revoking the user token removes the app; its Page tokens die with it', async () => {
    const grant = await sandbox.connect(facebook, 'alice');
    const [page] = await facebook.channels!.list(grant);
    const connection = await facebook.channels!.connect(grant, page.id);

    // A Page credential alone is not revoked: that would cut the person's other Pages.
    expect(
      await facebook.revoke({ accessToken: connection.tokens.accessToken, refreshToken: null }),
    ).toEqual({ revoked: false });
    expect((await grants())[0]).toMatchObject({ status: 'active' });

    expect(await facebook.revoke({ accessToken: grant.accessToken, refreshToken: null })).toEqual({
      revoked: true,
    });
    expect((await grants())[0]).toMatchObject({
      status: 'revoked',
      revokedReason: 'client-revoked',
    });
    const dead = await graph('/me', connection.tokens.accessToken);
    expect(dead.body.error).toMatchObject({ code: 190, error_subcode: 458 });
    expect(await providerFailure(facebook.channels!.list(grant))).toMatchObject({
      kind: 'reauth_required',
      providerCode: '190/458',
    });
    // Nothing left to revoke.
    expect(await facebook.revoke({ accessToken: grant.accessToken, refreshToken: null })).toEqual({
      revoked: false,
    });
  });

  it('the person removes the app at Facebook (/_sandbox/revoke) → reauth_required', async () => {
    const grant = await sandbox.connect(facebook, 'alice');
    await sandbox.control('POST', '/revoke', { type: 'FACEBOOK', user: 'alice' });
    expect(await providerFailure(facebook.identify(grant))).toMatchObject({
      kind: 'reauth_required',
      providerCode: '190/458',
    });
  });

  it('an expired long-lived user token → reauth_required (190/463)', async () => {
    await sandbox.control('POST', '/ttl', { type: 'FACEBOOK', accessTtlSeconds: 1 });
    const grant = await sandbox.connect(facebook, 'alice');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await providerFailure(facebook.identify(grant))).toMatchObject({
      kind: 'reauth_required',
      providerCode: '190/463',
    });
  });

  describe('token-call faults and errors', () => {
    async function exchange(user = 'alice'): Promise<TokenSet> {
      return sandbox.connect(facebook, user);
    }

    it('throttled (/_sandbox/fail 429) → transient, waiting for the usage estimate', async () => {
      await sandbox.fail('FACEBOOK', '429', 1, 120);
      expect(await providerFailure(exchange())).toMatchObject({
        kind: 'transient',
        providerCode: '4',
        retryAfterSeconds: 120,
      });
    });

    it('a 500 → transient', async () => {
      await sandbox.fail('FACEBOOK', '500', 1);
      expect(await providerFailure(exchange())).toMatchObject({ kind: 'transient', status: 500 });
    });

    it('invalid_grant → reauth_required', async () => {
      await sandbox.fail('FACEBOOK', 'invalid_grant', 1);
      expect(await providerFailure(exchange())).toMatchObject({ kind: 'reauth_required' });
    });

    it('a lost answer → transient, and the code is then spent (100/36009 → reauth_required)', async () => {
      const response = await sandbox.authorize(facebook, 'alice');
      await sandbox.fail('FACEBOOK', 'drop-response', 1);
      const params = {
        code: response.code!,
        redirectUri: ADAPTER_REDIRECT_URI,
        codeVerifier: null,
      };
      expect(await providerFailure(facebook.exchangeCode(params))).toMatchObject({
        kind: 'transient',
      });
      expect(await providerFailure(facebook.exchangeCode(params))).toMatchObject({
        kind: 'reauth_required',
        providerCode: '100/36009',
      });
    });

    it('a redirect_uri other than the dialog’s → invalid_request (100/36008)', async () => {
      const response = await sandbox.authorize(facebook, 'alice');
      expect(
        await providerFailure(
          facebook.exchangeCode({
            code: response.code!,
            redirectUri: 'https://elsewhere.example/cb',
            codeVerifier: null,
          }),
        ),
      ).toMatchObject({ kind: 'invalid_request', providerCode: '100/36008' });
    });

    it("a rejected client secret → transient (our configuration, not the user's)", async () => {
      const response = await sandbox.authorize(facebook, 'alice');
      const misconfigured = createProviderRegistry({
        env: {
          SANDBOX_URL: sandbox.url,
          FACEBOOK_CLIENT_ID: 'sandbox-facebook-client',
          FACEBOOK_CLIENT_SECRET: 'wrong-secret',
        },
      }).get('FACEBOOK');
      expect(
        await providerFailure(
          misconfigured.exchangeCode({
            code: response.code!,
            redirectUri: ADAPTER_REDIRECT_URI,
            codeVerifier: null,
          }),
        ),
      ).toMatchObject({ kind: 'transient', providerCode: '1' });
    });

    it('has no refresh', async () => {
      expect(
        await providerFailure(facebook.refresh({ refreshToken: 'x', scopes: [] })),
      ).toMatchObject({ kind: 'invalid_request' });
    });
  });
});

import {
  GENERIC,
  REDIRECT_URI,
  SandboxHarness,
  TWITTER,
  pkcePair,
} from './support/sandbox-harness';

describe('authorize endpoint', () => {
  let sandbox: SandboxHarness;

  beforeAll(async () => {
    sandbox = await SandboxHarness.start();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  function redirectParams(res: Response): URLSearchParams {
    expect(res.status).toBe(302);
    const location = res.headers.get('location');
    expect(location).not.toBeNull();
    const url = new URL(location!);
    expect(`${url.origin}${url.pathname}`).toBe(REDIRECT_URI);
    return url.searchParams;
  }

  it('approve redirects at once with a code, the exact state and (GENERIC) iss', async () => {
    const state = 'a b&c=d/é?' + 'x'.repeat(300);
    const res = await sandbox.authorize(
      GENERIC,
      sandbox.authorizeParams(GENERIC, pkcePair(), {
        state,
        sandbox_user: 'alice',
        sandbox_action: 'approve',
      }),
    );
    const params = redirectParams(res);
    expect(params.get('code')).toMatch(/^sbx_ac_/);
    expect(params.get('state')).toBe(state);
    expect(params.get('iss')).toBe(`${sandbox.url}/generic`);
  });

  it('TWITTER sends no iss', async () => {
    const res = await sandbox.authorize(
      TWITTER,
      sandbox.authorizeParams(TWITTER, pkcePair(), {
        sandbox_user: 'alice',
        sandbox_action: 'approve',
      }),
    );
    const params = redirectParams(res);
    expect(params.get('code')).toMatch(/^sbx_ac_/);
    expect(params.has('iss')).toBe(false);
  });

  it('deny redirects with access_denied, a description and the state', async () => {
    const res = await sandbox.authorize(
      TWITTER,
      sandbox.authorizeParams(TWITTER, pkcePair(), { sandbox_action: 'deny' }),
    );
    const params = redirectParams(res);
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('error_description')).toBeTruthy();
    expect(params.get('state')).toBe('state-123');
    expect(params.has('code')).toBe(false);
  });

  it('drop-scopes grants the requested scopes minus the dropped ones', async () => {
    const pkce = pkcePair();
    const code = await sandbox.approve(TWITTER, pkce, 'bob', {
      sandbox_action: 'drop-scopes:offline.access,users.read',
    });
    const res = await sandbox.exchangeCode(TWITTER, code, pkce.verifier);
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('tweet.read');
    // Without offline.access, X issues no refresh token.
    expect(res.body.refresh_token).toBeUndefined();
  });

  it('keeps the redirect URI’s own query parameters', async () => {
    const res = await sandbox.authorize(
      GENERIC,
      sandbox.authorizeParams(GENERIC, pkcePair(), {
        redirect_uri: `${REDIRECT_URI}?flow=42`,
        sandbox_user: 'alice',
        sandbox_action: 'approve',
      }),
    );
    const url = new URL(res.headers.get('location')!);
    expect(url.searchParams.get('flow')).toBe('42');
    expect(url.searchParams.get('code')).toMatch(/^sbx_ac_/);
  });

  it.each([
    ['an unknown client_id', { client_id: 'someone-else' }],
    ['a missing redirect_uri', { redirect_uri: '' }],
    ['a non-http redirect_uri', { redirect_uri: 'javascript:alert(1)' }],
    ['a redirect_uri with a fragment', { redirect_uri: `${REDIRECT_URI}#x` }],
  ])('answers %s with an HTML error page, never a redirect', async (_name, override) => {
    const res = await sandbox.authorize(
      GENERIC,
      sandbox.authorizeParams(GENERIC, pkcePair(), {
        sandbox_user: 'alice',
        sandbox_action: 'approve',
        ...override,
      }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('enforces the registered redirect URIs of a registered client', async () => {
    await sandbox.control('POST', '/clients', {
      clientId: 'team-app',
      redirectUris: ['https://app.example.com/cb'],
    });
    const base = { client_id: 'team-app', sandbox_user: 'alice', sandbox_action: 'approve' };
    const wrong = await sandbox.authorize(
      GENERIC,
      sandbox.authorizeParams(GENERIC, pkcePair(), base),
    );
    expect(wrong.status).toBe(400);
    const right = await sandbox.authorize(
      GENERIC,
      sandbox.authorizeParams(GENERIC, pkcePair(), {
        ...base,
        redirect_uri: 'https://app.example.com/cb',
      }),
    );
    expect(right.status).toBe(302);
  });

  it.each([
    ['no code_challenge', GENERIC, { code_challenge: '' }, 'invalid_request'],
    [
      'plain PKCE where only S256 is allowed',
      GENERIC,
      { code_challenge_method: 'plain' },
      'invalid_request',
    ],
    ['response_type=token', GENERIC, { response_type: 'token' }, 'unsupported_response_type'],
    ['an unknown X scope', TWITTER, { scope: 'tweet.read nonsense' }, 'invalid_scope'],
    ['no scope on X', TWITTER, { scope: '' }, 'invalid_request'],
    ['a malformed sandbox_action', GENERIC, { sandbox_action: 'maybe' }, 'invalid_request'],
  ])('redirects %s back with an error', async (_name, platform, override, error) => {
    const params = sandbox.authorizeParams(platform, pkcePair(), {
      sandbox_user: 'alice',
      sandbox_action: 'approve',
      ...override,
    });
    for (const [key, value] of Object.entries(params)) if (value === '') delete params[key];
    const res = await sandbox.authorize(platform, params);
    const query = redirectParams(res);
    expect(query.get('error')).toBe(error);
    expect(query.get('state')).toBe('state-123');
  });

  it('accepts plain PKCE on X', async () => {
    const verifier = 'v'.repeat(43);
    const code = await sandbox.approve(TWITTER, { verifier, challenge: verifier }, 'alice', {
      code_challenge_method: 'plain',
    });
    const res = await sandbox.exchangeCode(TWITTER, code, verifier);
    expect(res.status).toBe(200);
  });

  describe('consent page', () => {
    it('renders a form with a user field, Approve and Cancel, escaping every parameter', async () => {
      const res = await sandbox.authorize(
        GENERIC,
        sandbox.authorizeParams(GENERIC, pkcePair(), {
          state: '"><script>alert(1)</script>',
          scope: 'profile <script>x</script>',
          sandbox_user: '<script>alert(2)</script>',
        }),
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
      expect(html).toMatch(/<form method="post" action="\/generic\/oauth\/authorize">/);
      expect(html).toContain('name="sandbox_user"');
      expect(html).toMatch(/<button[^>]*value="approve"[^>]*>Approve<\/button>/);
      expect(html).toMatch(/<button[^>]*value="deny"[^>]*>Cancel<\/button>/);
    });

    it('posting the form back approves like the query shortcut', async () => {
      const pkce = pkcePair();
      const form = new URLSearchParams({
        ...sandbox.authorizeParams(GENERIC, pkce),
        sandbox_user: 'carol',
        sandbox_action: 'approve',
      });
      const res = await fetch(`${sandbox.url}${GENERIC.authorize}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      const code = redirectParams(res).get('code')!;
      const tokens = await sandbox.exchangeCode(GENERIC, code, pkce.verifier);
      expect(tokens.status).toBe(200);
      const me = await sandbox.userInfo(GENERIC, tokens.body.access_token);
      expect(me.body).toMatchObject({ preferred_username: 'carol' });
    });

    it('posting Cancel denies', async () => {
      const form = new URLSearchParams({
        ...sandbox.authorizeParams(GENERIC, pkcePair()),
        sandbox_action: 'deny',
      });
      const res = await fetch(`${sandbox.url}${GENERIC.authorize}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      expect(redirectParams(res).get('error')).toBe('access_denied');
    });
  });
});

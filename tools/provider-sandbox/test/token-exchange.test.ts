import {
  GENERIC,
  REDIRECT_URI,
  SandboxHarness,
  TWITTER,
  basicAuth,
  pkcePair,
  type ErrorBody,
  type TokenBody,
} from './support/sandbox-harness';

describe('token endpoint: authorization_code', () => {
  let sandbox: SandboxHarness;

  beforeAll(async () => {
    sandbox = await SandboxHarness.start();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('GENERIC answers the RFC 6749 token response', async () => {
    const pkce = pkcePair();
    const code = await sandbox.approve(GENERIC, pkce);
    const res = await sandbox.exchangeCode(GENERIC, code, pkce.verifier);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^sbx_at_/) as string,
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: expect.stringMatching(/^sbx_rt_/) as string,
      refresh_token_expires_in: 30 * 24 * 3600,
      scope: 'profile email',
    });
  });

  it('TWITTER answers like X: bearer, 2 hours, a refresh token with offline.access', async () => {
    const tokens = await sandbox.connect(TWITTER);
    expect(tokens).toEqual({
      token_type: 'bearer',
      expires_in: 7200,
      access_token: expect.stringMatching(/^sbx_at_/) as string,
      scope: 'tweet.read users.read offline.access',
      refresh_token: expect.stringMatching(/^sbx_rt_/) as string,
    });
  });

  it('a code is single use, and its second use revokes what the first one issued', async () => {
    const pkce = pkcePair();
    const code = await sandbox.approve(GENERIC, pkce);
    const first = await sandbox.exchangeCode(GENERIC, code, pkce.verifier);
    expect(first.status).toBe(200);
    const second = await sandbox.exchangeCode(GENERIC, code, pkce.verifier);
    expect(second.status).toBe(400);
    expect(second.body.error).toBe('invalid_grant');
    const me = await sandbox.userInfo(GENERIC, first.body.access_token);
    expect(me.status).toBe(401);
  });

  it('a wrong PKCE verifier is invalid_grant and burns the code', async () => {
    const pkce = pkcePair();
    const code = await sandbox.approve(GENERIC, pkce);
    const wrong = await sandbox.exchangeCode(GENERIC, code, pkcePair().verifier);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
    const retry = await sandbox.exchangeCode(GENERIC, code, pkce.verifier);
    expect(retry.body.error).toBe('invalid_grant');
  });

  it('a missing verifier is invalid_request', async () => {
    const code = await sandbox.approve(TWITTER, pkcePair());
    const res = await sandbox.postForm<ErrorBody>(
      TWITTER.token,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      basicAuth(TWITTER.clientId, TWITTER.clientSecret),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
  });

  it('the code is bound to its redirect_uri and its client', async () => {
    const pkce = pkcePair();
    const code = await sandbox.approve(GENERIC, pkce);
    const otherRedirect = await sandbox.postForm<ErrorBody>(
      GENERIC.token,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: `${REDIRECT_URI}/other`,
        code_verifier: pkce.verifier,
      },
      basicAuth(GENERIC.clientId, GENERIC.clientSecret),
    );
    expect(otherRedirect.body.error).toBe('invalid_grant');

    const pkce2 = pkcePair();
    const code2 = await sandbox.approve(GENERIC, pkce2);
    const otherClient = await sandbox.postForm<ErrorBody>(
      GENERIC.token,
      {
        grant_type: 'authorization_code',
        code: code2,
        redirect_uri: REDIRECT_URI,
        code_verifier: pkce2.verifier,
      },
      basicAuth('sandbox-team-app', 'sandbox-team-app-secret'),
    );
    expect(otherClient.body.error).toBe('invalid_grant');
  });

  it('a code from one platform is useless at another', async () => {
    const pkce = pkcePair();
    const code = await sandbox.approve(GENERIC, pkce);
    const res = await sandbox.exchangeCode(TWITTER, code, pkce.verifier);
    expect(res.body.error).toBe('invalid_grant');
  });

  describe('client authentication', () => {
    async function exchangeWith(
      platform: typeof GENERIC,
      clientFields: Record<string, string>,
      authorization?: string,
    ): Promise<{ status: number; body: TokenBody & ErrorBody; headers: Headers }> {
      const pkce = pkcePair();
      const code = await sandbox.approve(platform, pkce, 'alice', {
        client_id: clientFields.client_id ?? platform.clientId,
      });
      return sandbox.postForm(
        platform.token,
        {
          grant_type: 'authorization_code',
          code,
          redirect_uri: REDIRECT_URI,
          code_verifier: pkce.verifier,
          ...clientFields,
        },
        authorization,
      );
    }

    it('GENERIC accepts client_secret_basic and client_secret_post', async () => {
      const basic = await exchangeWith(
        GENERIC,
        {},
        basicAuth(GENERIC.clientId, GENERIC.clientSecret),
      );
      expect(basic.status).toBe(200);
      const post = await exchangeWith(GENERIC, {
        client_id: GENERIC.clientId,
        client_secret: GENERIC.clientSecret,
      });
      expect(post.status).toBe(200);
    });

    it('TWITTER rejects client_secret in the body with unauthorized_client', async () => {
      const res = await exchangeWith(TWITTER, {
        client_id: TWITTER.clientId,
        client_secret: TWITTER.clientSecret,
      });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: 'unauthorized_client',
        error_description: 'Missing valid authorization header',
      });
    });

    it('a wrong secret is invalid_client 401', async () => {
      const res = await exchangeWith(GENERIC, {}, basicAuth(GENERIC.clientId, 'nope'));
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('invalid_client');
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
    });

    it('no credentials at all is invalid_client 401', async () => {
      const res = await exchangeWith(GENERIC, { client_id: GENERIC.clientId });
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('invalid_client');
    });

    it('any sandbox-… client id works with <client_id>-secret (a team’s own app)', async () => {
      const res = await exchangeWith(
        TWITTER,
        { client_id: 'sandbox-acme' },
        basicAuth('sandbox-acme', 'sandbox-acme-secret'),
      );
      expect(res.status).toBe(200);
    });

    it('a registered public client authenticates with its client_id alone', async () => {
      await sandbox.control('POST', '/clients', { clientId: 'mobile-app', public: true });
      const res = await exchangeWith(TWITTER, { client_id: 'mobile-app' });
      expect(res.status).toBe(200);
    });
  });

  it('rejects a request that is not form-encoded with invalid_request', async () => {
    const res = await fetch(`${sandbox.url}${GENERIC.token}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: basicAuth(GENERIC.clientId, GENERIC.clientSecret),
      },
      body: JSON.stringify({ grant_type: 'authorization_code' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error).toBe('invalid_request');
  });

  it('rejects an unknown grant_type with unsupported_grant_type', async () => {
    const res = await sandbox.postForm<ErrorBody>(
      GENERIC.token,
      { grant_type: 'password', username: 'a', password: 'b' },
      basicAuth(GENERIC.clientId, GENERIC.clientSecret),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unsupported_grant_type');
  });
});

describe('user info and revocation', () => {
  let sandbox: SandboxHarness;

  beforeAll(async () => {
    sandbox = await SandboxHarness.start();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('GENERIC /userinfo answers the user behind the token', async () => {
    const tokens = await sandbox.connect(GENERIC, 'dora');
    const me = await sandbox.userInfo(GENERIC, tokens.access_token);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      sub: expect.stringMatching(/^\d+$/) as string,
      name: 'Dora',
      preferred_username: 'dora',
      picture: expect.stringMatching(/^http:\/\/.+\.svg$/) as string,
    });
  });

  it('TWITTER /2/users/me answers {data:{id,name,username,profile_image_url}}; ids are stable', async () => {
    const first = await sandbox.userInfo(
      TWITTER,
      (await sandbox.connect(TWITTER, 'erin')).access_token,
    );
    await sandbox.reset();
    const second = await sandbox.userInfo(
      TWITTER,
      (await sandbox.connect(TWITTER, 'erin')).access_token,
    );
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      data: {
        id: expect.stringMatching(/^\d+$/) as string,
        name: 'Erin',
        username: 'erin',
        profile_image_url: expect.any(String) as string,
      },
    });
    expect(second.body).toEqual(first.body);
  });

  it('TWITTER API 401 has X’s problem shape', async () => {
    const res = await sandbox.userInfo(TWITTER, 'sbx_at_unknown');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    });
  });

  it('GENERIC API 401 is RFC 6750 invalid_token', async () => {
    const res = await sandbox.userInfo(GENERIC, 'sbx_at_unknown');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('revoking the access token (RFC 7009) kills the whole grant, refresh token included', async () => {
    const tokens = await sandbox.connect(GENERIC);
    const res = await sandbox.postForm(
      GENERIC.revoke,
      { token: tokens.access_token, token_type_hint: 'access_token' },
      basicAuth(GENERIC.clientId, GENERIC.clientSecret),
    );
    expect(res.status).toBe(200);
    expect((await sandbox.userInfo(GENERIC, tokens.access_token)).status).toBe(401);
    const refreshed = await sandbox.refresh(GENERIC, tokens.refresh_token!);
    expect(refreshed.body.error).toBe('invalid_grant');
  });

  it('revoking the refresh token on X answers {revoked:true} and kills the access token', async () => {
    const tokens = await sandbox.connect(TWITTER);
    const res = await sandbox.postForm(
      TWITTER.revoke,
      { token: tokens.refresh_token!, token_type_hint: 'refresh_token' },
      basicAuth(TWITTER.clientId, TWITTER.clientSecret),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked: true });
    expect((await sandbox.userInfo(TWITTER, tokens.access_token)).status).toBe(401);
  });

  it('revoking an unknown token is still 200; the call is counted', async () => {
    const res = await sandbox.postForm(
      GENERIC.revoke,
      { token: 'sbx_rt_never-issued' },
      basicAuth(GENERIC.clientId, GENERIC.clientSecret),
    );
    expect(res.status).toBe(200);
    const stats = await sandbox.control<{ revokeCalls: Record<string, number> }>('GET', '/stats');
    expect(stats.body.revokeCalls).toEqual({ GENERIC: 1 });
  });

  it('revocation still needs client authentication', async () => {
    const res = await sandbox.postForm<ErrorBody>(GENERIC.revoke, { token: 'x' });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
  });

  it('GENERIC publishes RFC 8414 metadata at both well-known locations', async () => {
    const issuer = `${sandbox.url}/generic`;
    for (const path of [
      '/generic/.well-known/oauth-authorization-server',
      '/.well-known/oauth-authorization-server/generic',
    ]) {
      const res = await fetch(`${sandbox.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        issuer,
        authorization_endpoint: `${issuer}/oauth/authorize`,
        token_endpoint: `${issuer}/oauth/token`,
        revocation_endpoint: `${issuer}/oauth/revoke`,
        code_challenge_methods_supported: ['S256'],
        authorization_response_iss_parameter_supported: true,
      });
    }
  });
});

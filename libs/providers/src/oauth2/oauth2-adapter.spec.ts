import { createHttpClient } from '../http';
import { ProviderError } from '../provider-error';
import { fakeFetch, fixedClock, type FakeReply } from '../spec-support/fake-fetch';
import type { OAuth2ProviderConfig } from './config';
import { OAuth2Adapter } from './oauth2-adapter';
import { userInfoIdentity } from './userinfo-identity';

const clock = fixedClock('2030-01-01T00:00:00Z');

function config(overrides: Partial<OAuth2ProviderConfig> = {}): OAuth2ProviderConfig {
  return {
    type: 'CUSTOM_OAUTH2:test',
    authorizationEndpoint: 'https://auth.example/authorize?tenant=t1',
    tokenEndpoint: 'https://auth.example/token',
    revocationEndpoint: 'https://auth.example/revoke',
    userInfoEndpoint: 'https://auth.example/userinfo',
    issuer: 'https://auth.example',
    clientId: 'client-1',
    clientSecret: 'cs-SECRET+/1',
    clientAuth: 'basic',
    pkce: 'S256',
    requiredScopes: ['read'],
    defaultScopes: ['read', 'write'],
    refreshRotates: true,
    identify: userInfoIdentity,
    ...overrides,
  };
}

function adapter(replies: FakeReply[], overrides: Partial<OAuth2ProviderConfig> = {}) {
  const fetch = fakeFetch(...replies);
  const http = createHttpClient({ fetch });
  return { adapter: new OAuth2Adapter(config(overrides), { http, clock }), fetch };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('OAuth2Adapter', () => {
  describe('authorizationUrl', () => {
    it('adds required scopes the caller left out and keeps the endpoint query', () => {
      const { adapter: a } = adapter([]);
      const url = new URL(
        a.authorizationUrl({
          state: 's',
          redirectUri: 'https://cb',
          scopes: ['write'],
          codeChallenge: 'c',
        }),
      );
      expect(url.searchParams.get('tenant')).toBe('t1');
      expect(url.searchParams.get('scope')).toBe('write read');
      expect(url.search).toContain('scope=write%20read');
    });

    it('refuses to build a URL without a challenge when PKCE is required', () => {
      const { adapter: a } = adapter([]);
      expect(() =>
        a.authorizationUrl({
          state: 's',
          redirectUri: 'https://cb',
          scopes: [],
          codeChallenge: null,
        }),
      ).toThrow(ProviderError);
    });

    it('never lets extra parameters override ours', () => {
      const { adapter: a } = adapter([], {
        extraAuthorizeParams: { state: 'evil', prompt: 'consent' },
      });
      const url = new URL(
        a.authorizationUrl({
          state: 's',
          redirectUri: 'https://cb',
          scopes: [],
          codeChallenge: 'c',
        }),
      );
      expect(url.searchParams.getAll('state')).toEqual(['s']);
      expect(url.searchParams.get('prompt')).toBe('consent');
    });
  });

  describe('refresh', () => {
    it('returns a null refresh token when the answer carries none (the caller keeps its own)', async () => {
      const { adapter: a } = adapter([
        { status: 200, body: { access_token: 'at2', expires_in: 3600 } },
      ]);
      const tokens = await a.refresh({ refreshToken: 'rt1', scopes: ['read'] });
      expect(tokens.refreshToken).toBeNull();
      expect(tokens.expiresAt).toEqual(new Date('2030-01-01T01:00:00Z'));
      expect(tokens.scopes).toEqual(['read']);
    });

    it('returns the rotated refresh token', async () => {
      const { adapter: a } = adapter([
        { status: 200, body: { access_token: 'at2', refresh_token: 'rt2' } },
      ]);
      expect((await a.refresh({ refreshToken: 'rt1', scopes: [] })).refreshToken).toBe('rt2');
    });

    it('treats a 2xx without a readable body as transient', async () => {
      const { adapter: a } = adapter([{ status: 200, body: '<html>' }]);
      expect((await failure(a.refresh({ refreshToken: 'rt1', scopes: [] }))).kind).toBe(
        'transient',
      );
    });
  });

  describe('refreshable', () => {
    it('needs a refresh token that has not expired by the clock', () => {
      const { adapter: a } = adapter([]);
      expect(a.refreshable({ refreshToken: null, refreshExpiresAt: null })).toBe(false);
      expect(a.refreshable({ refreshToken: 'rt', refreshExpiresAt: null })).toBe(true);
      expect(
        a.refreshable({ refreshToken: 'rt', refreshExpiresAt: new Date('2030-01-01T00:00:01Z') }),
      ).toBe(true);
      expect(
        a.refreshable({ refreshToken: 'rt', refreshExpiresAt: new Date('2030-01-01T00:00:00Z') }),
      ).toBe(false);
    });
  });

  describe('revoke', () => {
    it('revokes the refresh token when there is one, else the access token', async () => {
      const { adapter: a, fetch } = adapter([{ status: 200 }]);
      await a.revoke({ accessToken: 'at', refreshToken: 'rt' });
      await a.revoke({ accessToken: 'at', refreshToken: null });
      expect(fetch.seen.map((request) => request.body)).toEqual([
        'token=rt&token_type_hint=refresh_token',
        'token=at&token_type_hint=access_token',
      ]);
    });

    it('answers revoked:false without a revocation endpoint or without tokens', async () => {
      const { adapter: a, fetch } = adapter([{ status: 200 }], { revocationEndpoint: null });
      expect(await a.revoke({ accessToken: 'at', refreshToken: 'rt' })).toEqual({ revoked: false });
      const { adapter: b } = adapter([{ status: 200 }]);
      expect(await b.revoke({ accessToken: null, refreshToken: null })).toEqual({ revoked: false });
      expect(fetch.seen).toHaveLength(0);
    });

    it('reads {"revoked": false}', async () => {
      const { adapter: a } = adapter([{ status: 200, body: { revoked: false } }]);
      expect(await a.revoke({ accessToken: 'at', refreshToken: null })).toEqual({ revoked: false });
    });
  });

  describe('identify', () => {
    it('maps OIDC claims', async () => {
      const { adapter: a, fetch } = adapter([
        { status: 200, body: { sub: 'u1', preferred_username: 'ann', picture: 'https://img/1' } },
      ]);
      const tokens = await Promise.resolve({
        accessToken: 'at',
        refreshToken: null,
        tokenType: 'Bearer',
        expiresAt: null,
        refreshExpiresAt: null,
        scopes: [],
        extra: {},
      });
      expect(await a.identify(tokens)).toEqual({
        externalId: 'u1',
        displayName: 'ann',
        avatarUrl: 'https://img/1',
      });
      expect(fetch.seen[0]?.headers['authorization']).toBe('Bearer at');
    });
  });
});

describe('ProviderError messages never carry secrets', () => {
  const secrets = {
    clientSecret: 'cs-SECRET+/1',
    code: 'code-SECRET-2',
    verifier: 'verifier-SECRET-3',
    refreshToken: 'rt-SECRET-4',
    accessToken: 'at-SECRET-5',
  };
  const basic = Buffer.from(`client-1:${secrets.clientSecret}`).toString('base64');
  const all = [...Object.values(secrets), basic, encodeURIComponent(secrets.clientSecret)];

  /** A provider that quotes back everything it received (body, Authorization) as code and description. */
  function echoAdapter(status: number, overrides: Partial<OAuth2ProviderConfig> = {}) {
    const echo = (_url: string, init: RequestInit): Promise<Response> => {
      const body = typeof init.body === 'string' ? init.body : '';
      const authorization = new Headers(init.headers).get('authorization') ?? '';
      const form = new URLSearchParams(body);
      const error =
        form.get('code') ?? form.get('refresh_token') ?? form.get('token') ?? authorization;
      const description = `${body} ${authorization} ${decodeURIComponent(body)}`;
      return Promise.resolve(
        new Response(JSON.stringify({ error, error_description: description }), {
          status,
          headers: { 'content-type': 'application/json' },
        }),
      );
    };
    return new OAuth2Adapter(config(overrides), { http: createHttpClient({ fetch: echo }), clock });
  }

  function expectClean(error: ProviderError): void {
    const renderings = [
      error.message,
      String(error),
      JSON.stringify(error),
      error.stack ?? '',
      error.providerCode ?? '',
    ];
    for (const rendering of renderings) {
      for (const secret of all) expect(rendering).not.toContain(secret);
    }
  }

  it.each([400, 401, 429, 500])(
    'on HTTP %i, for every operation and client auth',
    async (status) => {
      for (const clientAuth of ['basic', 'post'] as const) {
        const a = echoAdapter(status, { clientAuth });
        const tokens = {
          accessToken: secrets.accessToken,
          refreshToken: secrets.refreshToken,
          tokenType: 'Bearer',
          expiresAt: null,
          refreshExpiresAt: null,
          scopes: [],
          extra: {},
        };
        const errors = await Promise.all([
          failure(
            a.exchangeCode({
              code: secrets.code,
              redirectUri: 'https://cb',
              codeVerifier: secrets.verifier,
            }),
          ),
          failure(a.refresh({ refreshToken: secrets.refreshToken, scopes: [] })),
          failure(
            a.revoke({ accessToken: secrets.accessToken, refreshToken: secrets.refreshToken }),
          ),
          failure(a.identify(tokens)),
        ]);
        errors.forEach(expectClean);
      }
    },
  );

  it('when the network fails with an error that quotes the request', async () => {
    const leaky = (_url: string, init: RequestInit): Promise<Response> =>
      Promise.reject(
        new TypeError(`fetch failed for ${typeof init.body === 'string' ? init.body : ''}`, {
          cause: new Error(basic),
        }),
      );
    const a = new OAuth2Adapter(config(), { http: createHttpClient({ fetch: leaky }), clock });
    const error = await failure(a.refresh({ refreshToken: secrets.refreshToken, scopes: [] }));
    expect(error.kind).toBe('transient');
    expectClean(error);
  });
});

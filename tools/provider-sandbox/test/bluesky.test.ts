import { CodedError } from '@switchboard/contracts';
import {
  blueskyClientMetadata,
  createProviderRegistry,
  generatePkce,
  isProviderError,
  randomState,
  type FetchLike,
  type ProviderAdapter,
  type ProviderRegistry,
} from '@switchboard/providers';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startSandbox, type RunningSandbox } from '../src';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

function decodeJwt(jwt: string): {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
} {
  const [h, c] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(c, 'base64url').toString()) as Record<string, unknown>,
  };
}

/**
 * The real BLUESKY adapter against the sandbox's Bluesky (handle resolver, PLC directory, PDS and
 * authorization server), with a local server publishing the client-metadata document the
 * authorization server fetches. Every request the adapter sends is recorded on the wire.
 */
describe('sandbox BLUESKY, driven by the BLUESKY adapter', () => {
  let sandbox: RunningSandbox;
  let metadataServer: Server;
  let publicUrl: string;
  let registry: ProviderRegistry;
  let bluesky: ProviderAdapter;
  const seen: Seen[] = [];

  const recording: FetchLike = async (url, init) => {
    seen.push({
      method: init.method ?? 'GET',
      url,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? init.body : '',
    });
    return fetch(url, init);
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, smtpPort: 0 });
    metadataServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(blueskyClientMetadata(publicUrl)));
    });
    await new Promise<void>((resolve) => metadataServer.listen(0, '127.0.0.1', resolve));
    publicUrl = `http://127.0.0.1:${(metadataServer.address() as AddressInfo).port}`;
    registry = createProviderRegistry({
      env: { SANDBOX_URL: sandbox.url },
      fetch: recording,
      instanceFetch: recording,
    });
    bluesky = registry.get('BLUESKY');
  });
  afterAll(async () => {
    await sandbox.close();
    await new Promise<void>((resolve) => metadataServer.close(() => resolve()));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const redirectUri = () => `${publicUrl}/api/v1/social-account/callback/bluesky`;

  async function authorize(handle: string, user: string) {
    const discovery = bluesky.discovery!;
    const flow = await discovery.discover(handle);
    const pkce = generatePkce();
    const state = randomState();
    const started = await discovery.authorize(
      {
        state,
        redirectUri: redirectUri(),
        scopes: bluesky.defaultScopes(),
        codeChallenge: pkce.challenge,
      },
      flow,
    );
    const url = new URL(started.url);
    url.searchParams.set('sandbox_user', user);
    url.searchParams.set('sandbox_action', 'approve');
    const res = await fetch(url, { redirect: 'manual' });
    const back = new URL(res.headers.get('location')!);
    return { back, state, pkce, context: started.context, discovery };
  }

  it('resolves the handle, pushes the request with DPoP, answers the nonce challenge, connects and checks sub', async () => {
    const { back, state, pkce, context, discovery } = await authorize(
      '@Alice.bsky.sandbox',
      'alice',
    );
    expect(back.searchParams.get('state')).toBe(state);
    expect(back.searchParams.get('iss')).toBe(`${sandbox.url}/bluesky`);
    expect(discovery.issuer(context)).toBe(`${sandbox.url}/bluesky`);

    // handle → DID → DID document → PDS → protected resource → authorization server metadata
    expect(seen.slice(0, 4).map((r) => `${r.method} ${r.url.replace(sandbox.url, '')}`)).toEqual([
      'GET /bluesky/.well-known/atproto-did?handle=alice.bsky.sandbox',
      expect.stringMatching(/^GET \/bluesky\/did:plc:[a-z2-7]{24}$/),
      'GET /bluesky/.well-known/oauth-protected-resource',
      'GET /bluesky/.well-known/oauth-authorization-server',
    ]);
    // PAR: first without a nonce (400 use_dpop_nonce), then again with the server's nonce
    const par = seen.filter((r) => r.url.endsWith('/oauth/par'));
    expect(par).toHaveLength(2);
    const [first, second] = par.map((r) => decodeJwt(r.headers.dpop));
    expect(first.header).toMatchObject({
      typ: 'dpop+jwt',
      alg: 'ES256',
      jwk: { kty: 'EC', crv: 'P-256' },
    });
    expect(first.header.jwk).not.toHaveProperty('d');
    expect(first.claims).toMatchObject({ htm: 'POST', htu: `${sandbox.url}/bluesky/oauth/par` });
    expect(first.claims).not.toHaveProperty('nonce');
    expect(typeof second.claims.nonce).toBe('string');
    expect(second.claims.jti).not.toBe(first.claims.jti);
    expect([...new URLSearchParams(par[1].body).keys()]).toEqual([
      'client_id',
      'response_type',
      'redirect_uri',
      'scope',
      'state',
      'code_challenge',
      'code_challenge_method',
      'login_hint',
    ]);
    expect(Object.fromEntries(new URLSearchParams(par[1].body))).toMatchObject({
      client_id: `${publicUrl}/oauth/bluesky/client-metadata.json`,
      scope: 'atproto transition:generic',
      code_challenge_method: 'S256',
      login_hint: 'Alice.bsky.sandbox',
    });
    const counters = await (await fetch(`${sandbox.url}/_sandbox/bluesky`)).json();
    expect(counters).toMatchObject({ pushedRequests: 1 });
    expect((counters as { nonceChallenges: number }).nonceChallenges).toBeGreaterThanOrEqual(1);

    seen.length = 0;
    const tokens = await discovery.exchangeCode(
      {
        code: back.searchParams.get('code')!,
        redirectUri: redirectUri(),
        codeVerifier: pkce.verifier,
      },
      context,
    );
    expect(tokens.tokenType).toBe('DPoP');
    expect(tokens.scopes).toEqual(['atproto', 'transition:generic']);
    expect(tokens.extra).toMatchObject({
      mode: 'oauth',
      did: context.did,
      handle: 'alice.bsky.sandbox',
      pdsUrl: `${sandbox.url}/bluesky`,
      issuer: `${sandbox.url}/bluesky`,
      dpopKey: { kty: 'EC', crv: 'P-256', d: expect.any(String) as unknown },
    });
    const exchange = seen.filter((r) => r.url.endsWith('/oauth/token'));
    expect(Object.fromEntries(new URLSearchParams(exchange.at(-1)!.body))).toEqual({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code'),
      redirect_uri: redirectUri(),
      code_verifier: pkce.verifier,
      client_id: `${publicUrl}/oauth/bluesky/client-metadata.json`,
    });
    expect(decodeJwt(exchange.at(-1)!.headers.dpop).claims.nonce).toEqual(expect.any(String));
    expect(exchange.at(-1)!.headers.authorization).toBeUndefined();
    // the profile from the PDS: DPoP-signed with the token bound in (ath), its own nonce answered
    seen.length = 0;
    expect(await bluesky.identify(tokens)).toEqual({
      externalId: context.did,
      displayName: 'Alice',
      avatarUrl: expect.stringMatching(
        /^http:\/\/127\.0\.0\.1:\d+\/_sandbox\/avatars\//,
      ) as unknown,
    });
    const profile = seen.filter((r) => r.url.includes('app.bsky.actor.getProfile'));
    expect(profile).toHaveLength(2);
    expect(profile[1].headers.authorization).toBe(`DPoP ${tokens.accessToken}`);
    expect(decodeJwt(profile[1].headers.dpop).claims).toMatchObject({
      htm: 'GET',
      htu: `${sandbox.url}/bluesky/xrpc/app.bsky.actor.getProfile`,
      ath: expect.any(String) as unknown,
      nonce: expect.any(String) as unknown,
    });

    // refresh: rotation with the same DPoP key; the old refresh token is then dead (reuse detection)
    const refreshed = await bluesky.refresh({
      refreshToken: tokens.refreshToken!,
      scopes: tokens.scopes,
      extra: tokens.extra,
    });
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    const refreshProof = decodeJwt(
      seen.filter((r) => r.url.endsWith('/oauth/token')).at(-1)!.headers.dpop,
    );
    expect(refreshProof.header.jwk).toMatchObject({ x: (tokens.extra.dpopKey as { x: string }).x });
    const reuse = await bluesky
      .refresh({ refreshToken: tokens.refreshToken!, scopes: tokens.scopes, extra: tokens.extra })
      .catch((e: unknown) => e);
    expect(isProviderError(reuse) && reuse.kind).toBe('reauth_required');
  });

  it('refuses tokens whose sub is not the DID the handle resolved to', async () => {
    const { back, pkce, context, discovery } = await authorize('alice.bsky.sandbox', 'bob');
    const error = await discovery
      .exchangeCode(
        {
          code: back.searchParams.get('code')!,
          redirectUri: redirectUri(),
          codeVerifier: pkce.verifier,
        },
        context,
      )
      .catch((e: unknown) => e);
    expect(isProviderError(error) && error.providerCode).toBe('bluesky-sub-mismatch');
  });

  it('revokes with a DPoP-signed RFC 7009 request; the refresh token is dead afterwards', async () => {
    const { back, pkce, context, discovery } = await authorize('carol.bsky.sandbox', 'carol');
    const tokens = await discovery.exchangeCode(
      {
        code: back.searchParams.get('code')!,
        redirectUri: redirectUri(),
        codeVerifier: pkce.verifier,
      },
      context,
    );
    seen.length = 0;
    await expect(
      bluesky.revoke({
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        extra: tokens.extra,
      }),
    ).resolves.toEqual({ revoked: true });
    const revoke = seen.filter((r) => r.url.endsWith('/oauth/revoke')).at(-1)!;
    expect(Object.fromEntries(new URLSearchParams(revoke.body))).toEqual({
      token: tokens.refreshToken,
      token_type_hint: 'refresh_token',
      client_id: `${publicUrl}/oauth/bluesky/client-metadata.json`,
    });
    expect(revoke.headers.dpop).toBeDefined();
    const after = await bluesky
      .refresh({ refreshToken: tokens.refreshToken!, scopes: [], extra: tokens.extra })
      .catch((e: unknown) => e);
    expect(isProviderError(after) && after.kind).toBe('reauth_required');
  });

  it.each([
    ['not a handle', 'not a handle!', 'bluesky-invalid-handle'],
    ['an unknown handle', 'nobody.example.invalid', 'bluesky-handle-not-found'],
  ])('refuses %s with a documented code', async (_label, input, code) => {
    const error = await bluesky.discovery!.discover(input).catch((e: unknown) => e);
    expect(isProviderError(error) && error.kind).toBe('invalid_request');
    expect(isProviderError(error) && error.providerCode).toBe(code);
  });

  describe('app passwords', () => {
    it('createSession once, then refreshSession with the refresh JWT, then deleteSession', async () => {
      const direct = registry.direct!('BLUESKY')!;
      expect(direct.fields).toEqual(['identifier', 'appPassword']);
      const connected = await direct.connect({
        identifier: 'dave.bsky.sandbox',
        appPassword: 'abcd-efgh-ijkl-mnop',
      });
      expect(connected.identity.displayName).toBe('Dave');
      expect(connected.tokens.extra).toEqual({
        mode: 'app-password',
        did: connected.identity.externalId,
        handle: 'dave.bsky.sandbox',
        pdsUrl: `${sandbox.url}/bluesky`,
      });
      expect(JSON.stringify(connected)).not.toContain('abcd-efgh-ijkl-mnop');
      const create = seen.filter((r) => r.url.endsWith('createSession'));
      expect(create).toHaveLength(1);
      expect(JSON.parse(create[0].body)).toEqual({
        identifier: 'dave.bsky.sandbox',
        password: 'abcd-efgh-ijkl-mnop',
      });

      const refreshed = await bluesky.refresh({
        refreshToken: connected.tokens.refreshToken!,
        scopes: [],
        extra: connected.tokens.extra,
      });
      const refreshCall = seen.filter((r) => r.url.endsWith('refreshSession')).at(-1)!;
      expect(refreshCall.headers.authorization).toBe(`Bearer ${connected.tokens.refreshToken}`);
      expect(refreshed.refreshToken).not.toBe(connected.tokens.refreshToken);
      expect(seen.filter((r) => r.url.endsWith('createSession'))).toHaveLength(1);

      await expect(
        bluesky.revoke({
          accessToken: null,
          refreshToken: refreshed.refreshToken,
          extra: connected.tokens.extra,
        }),
      ).resolves.toEqual({ revoked: true });
      const dead = await bluesky
        .refresh({
          refreshToken: refreshed.refreshToken!,
          scopes: [],
          extra: connected.tokens.extra,
        })
        .catch((e: unknown) => e);
      expect(isProviderError(dead) && dead.kind).toBe('reauth_required');

      // the user revokes their app passwords: the session is dead, a refresh asks for reauth
      const other = await registry.direct!('BLUESKY')!.connect({
        identifier: 'dave.bsky.sandbox',
        appPassword: 'abcd-efgh-ijkl-mnop',
      });
      const ended = await fetch(`${sandbox.url}/_sandbox/bluesky/revoke-sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'dave' }),
      });
      expect(await ended.json()).toEqual({ revoked: 1 });
      const gone = await bluesky
        .refresh({
          refreshToken: other.tokens.refreshToken!,
          scopes: [],
          extra: other.tokens.extra,
        })
        .catch((e: unknown) => e);
      expect(isProviderError(gone) && gone.kind).toBe('reauth_required');
    });

    it.each([
      [
        'a wrong password',
        'erin.bsky.sandbox',
        'not-an-app-password',
        'bluesky-invalid-credentials',
      ],
      [
        'an account that asks for a 2FA code',
        'twofactor-frank.bsky.sandbox',
        'abcd-efgh-ijkl-mnop',
        'bluesky-invalid-credentials',
      ],
    ])('refuses %s without echoing it', async (_label, identifier, appPassword, code) => {
      const error = await registry.direct!('BLUESKY')!
        .connect({ identifier, appPassword })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CodedError);
      expect((error as CodedError).code).toBe(code);
      expect((error as CodedError).message).not.toContain(appPassword);
    });
  });
});

import { findSecrets, waitFor } from '@switchboard/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { aadOf, Envelope } from '../services/token-vault/src/crypto/envelope';
import { FileKeyring } from '../services/token-vault/src/crypto/keyring';
import { FlowBrowser } from './support/browser';
import { createTeam, PRODUCT_ORIGIN, type TeamFixture } from './support/flows';
import { SecretCollector } from './support/secrets';
import { System } from './support/system';

interface Account {
  id: string;
  type: string;
  externalId: string;
  displayName: string;
  status: string;
  lastRefreshedAt: string | null;
}

interface ProviderView {
  type: string;
  key: string;
  redirectUri: string;
  clientId: string;
  clientSecret?: string;
}

const BASIC = { id: 'acme-basic-pkce', secret: 'acme-basic-secret-0123456789' };
const POST = { id: 'acme-post', secret: 'acme-post-secret-0123456789' };

/** The real authorization server (oidc-provider) in its own process, with its event lines. */
class OidcServer {
  readonly events: { event: string; [k: string]: unknown }[] = [];
  issuer = '';
  private child: ChildProcess | null = null;

  async start(gatewayUrl: string): Promise<void> {
    const client = (c: { id: string; secret: string }, key: string, method: string) => ({
      client_id: c.id,
      client_secret: c.secret,
      redirect_uris: [`${gatewayUrl}/api/v1/social-account/callback/custom-${key}`],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: method,
    });
    this.child = spawn(process.execPath, ['test/support/oidc-server.mjs'], {
      env: {
        ...process.env,
        OIDC_ACCESS_TTL: '10',
        OIDC_CLIENTS: JSON.stringify([
          client(BASIC, 'acme', 'client_secret_basic'),
          client(POST, 'acme-post', 'client_secret_post'),
        ]),
        OIDC_ACCOUNTS: JSON.stringify({ [BASIC.id]: 'alice', [POST.id]: 'bob' }),
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const lines = createInterface({ input: this.child.stdout! });
    lines.on('line', (line) => {
      try {
        this.events.push(JSON.parse(line) as { event: string });
      } catch {
        // not an event line
      }
    });
    const listening = await waitFor(
      () => Promise.resolve(this.events.find((e) => e.event === 'listening')),
      { timeoutMs: 15_000, what: 'oidc-provider listening' },
    );
    this.issuer = String(listening['issuer']);
  }

  stop(): void {
    this.child?.kill('SIGTERM');
  }

  /** RFC 7662 introspection with the client's own credentials. */
  async active(token: string, c: { id: string; secret: string }): Promise<boolean> {
    const res = await fetch(`${this.issuer}/token/introspection`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${c.id}:${c.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token }).toString(),
    });
    return ((await res.json()) as { active: boolean }).active;
  }
}

/**
 * CUSTOM_OAUTH2 against a real authorization server implementation (oidc-provider, configured
 * with refresh-token rotation and reuse detection), through the running services: registration
 * (validated, SSRF-checked), connect with PKCE and client_secret_basic, refresh (rotation, and the
 * server detecting the replayed old refresh token), a forged `iss` refused, client_secret_post
 * without PKCE, and revocation on disconnect.
 */
describe('custom OAuth 2.0 providers against oidc-provider', () => {
  const system = new System();
  const oidc = new OidcServer();
  let team: TeamFixture;
  let secrets: SecretCollector;
  let envelope: Envelope;
  let alice: Account;

  beforeAll(async () => {
    await system.start();
    await oidc.start(system.gatewayUrl);
    secrets = new SecretCollector(system.databaseUrl, system.keyringFile);
    secrets.add(system.adminKey, BASIC.secret, POST.secret);
    envelope = new Envelope(FileKeyring.fromFile(system.keyringFile));
    team = await createTeam(system.api, 'Custom providers');
  }, 180_000);

  afterAll(async () => {
    oidc.stop();
    await system.stop();
  });

  const accounts = async () =>
    (await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${team.teamId}`))
      .body.items;

  function registration(overrides: Record<string, unknown> = {}) {
    return {
      teamId: team.teamId,
      key: 'acme',
      authorizationUrl: `${oidc.issuer}/auth`,
      tokenUrl: `${oidc.issuer}/token`,
      revocationUrl: `${oidc.issuer}/token/revocation`,
      userInfoUrl: `${oidc.issuer}/me`,
      issuer: oidc.issuer,
      scopes: ['openid', 'profile'],
      clientId: BASIC.id,
      clientSecret: BASIC.secret,
      clientAuth: 'basic',
      pkce: true,
      ...overrides,
    };
  }

  /** The refresh token the vault holds for a connection, read with the test's keyring. */
  async function vaultRefreshToken(connectionId: string): Promise<string> {
    const db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{
        team_id: string;
        version: number;
        kek_id: string;
        wrapped_key: Buffer;
        iv: Buffer;
        ciphertext: Buffer;
        tag: Buffer;
      }>(
        `SELECT team_id, version, kek_id, wrapped_key, iv, ciphertext, tag
           FROM token_vault.credential WHERE connection_id = $1`,
        [connectionId],
      );
      const r = rows[0];
      const plain = envelope.open(
        {
          kekId: r.kek_id,
          wrappedKey: r.wrapped_key,
          iv: r.iv,
          ciphertext: r.ciphertext,
          tag: r.tag,
        },
        aadOf({ teamId: r.team_id, connectionId, version: r.version }),
      );
      const token = (JSON.parse(plain.toString('utf8')) as { refreshToken: string }).refreshToken;
      secrets.add(token);
      return token;
    } finally {
      await db.end();
    }
  }

  async function startConnect(type: string) {
    const started = await system.api.post<{ url: string }>('/api/v1/social-account/connect', {
      teamId: team.teamId,
      type,
      redirectUrl: team.redirectUrl,
    });
    expect(started.status).toBe(201);
    const browser = new FlowBrowser((url) => url.origin === PRODUCT_ORIGIN);
    const launch = await fetch(started.body.url, { redirect: 'manual' });
    browser.remember(started.body.url, launch.headers.getSetCookie());
    expect(launch.status).toBe(302);
    const authorize = new URL(launch.headers.get('location')!);
    await secrets.pendingVerifiers();
    return { browser, authorize, started };
  }

  describe('registration', () => {
    it.each([
      ['an unknown field', { extra: 1 }, 400, 'validation-failed'],
      [
        'a key that is not lower-case letters, digits and dashes',
        { key: 'Acme!' },
        400,
        'validation-failed',
      ],
      [
        'an unknown client authentication',
        { clientAuth: 'private_key_jwt' },
        400,
        'validation-failed',
      ],
      [
        'plain http to a public host',
        { tokenUrl: 'http://example.com/token' },
        400,
        'url-not-allowed',
      ],
      ['a private address', { tokenUrl: 'https://10.1.2.3/token' }, 400, 'url-not-allowed'],
      [
        'a link-local address',
        { userInfoUrl: 'https://169.254.169.254/latest' },
        400,
        'url-not-allowed',
      ],
      [
        'a host that resolves to nothing',
        { revocationUrl: 'https://nothing.invalid/revoke' },
        400,
        'url-not-allowed',
      ],
    ])('refuses %s', async (_label, overrides, status, code) => {
      const res = await system.api.post<{ code: string; message: string }>(
        '/api/v1/provider',
        registration(overrides),
      );
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(JSON.stringify(res.body)).not.toContain(BASIC.secret);
    });

    it('registers CUSTOM_OAUTH2:acme and answers the redirect URI, never the secret', async () => {
      const res = await system.api.post<ProviderView>('/api/v1/provider', registration());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        type: 'CUSTOM_OAUTH2:acme',
        key: 'acme',
        clientId: BASIC.id,
        redirectUri: `${system.gatewayUrl}/api/v1/social-account/callback/custom-acme`,
      });
      expect(JSON.stringify(res.body)).not.toContain(BASIC.secret);
      const listed = await system.api.get<{ items: ProviderView[] }>(
        `/api/v1/provider?teamId=${team.teamId}`,
      );
      expect(listed.body.items.map((p) => p.type)).toEqual(['CUSTOM_OAUTH2:acme']);
      expect(JSON.stringify(listed.body)).not.toContain(BASIC.secret);
    });
  });

  it('connects with PKCE and client_secret_basic; iss checked against the registered issuer', async () => {
    const { browser, authorize, started } = await startConnect('CUSTOM_OAUTH2:acme');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${oidc.issuer}/auth`);
    expect(authorize.searchParams.get('client_id')).toBe(BASIC.id);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const landed = new URL((await browser.open(authorize.toString())).finalUrl);
    [started.body.url, ...browser.visited].forEach((url) => secrets.fromUrl(url));
    const callback = browser.visited.find((u) => u.includes('/callback/custom-acme'))!;
    expect(new URL(callback).searchParams.get('iss')).toBe(oidc.issuer);
    expect(Object.fromEntries(landed.searchParams)).toEqual({ 'custom-acme-callback': 'success' });
    alice = (await accounts()).find((a) => a.type === 'CUSTOM_OAUTH2:acme')!;
    expect(alice).toMatchObject({ externalId: 'alice', displayName: 'Alice', status: 'ACTIVE' });
    await secrets.vaultTokens();
  });

  it('refreshes with rotation; the server detects the old refresh token replayed and kills the grant', async () => {
    const before = await vaultRefreshToken(alice.id);
    await waitFor(
      async () => (await accounts()).find((a) => a.id === alice.id)?.lastRefreshedAt ?? undefined,
      { timeoutMs: 40_000, what: 'a refresh of the custom provider account' },
    );
    const after = await vaultRefreshToken(alice.id);
    expect(after).not.toBe(before);
    expect(await oidc.active(after, BASIC)).toBe(true);

    const replay = await fetch(`${oidc.issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${BASIC.id}:${BASIC.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: before }).toString(),
    });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');
    // the server logs the event on its stdout, which can reach us after its HTTP answer
    await waitFor(() => Promise.resolve(oidc.events.find((e) => e.event === 'grant.revoked')), {
      timeoutMs: 5_000,
      what: 'the grant.revoked event of the reuse detection',
    });
    // reuse detection revoked the whole grant: the current refresh token is dead as well
    expect(await oidc.active(after, BASIC)).toBe(false);
  });

  it('refuses a callback whose iss is not the registered issuer: custom-acme-invalid-state', async () => {
    const { browser, authorize } = await startConnect('CUSTOM_OAUTH2:acme');
    const forged = new URL(`${system.gatewayUrl}/api/v1/social-account/callback/custom-acme`);
    forged.searchParams.set('code', 'forged-code-0123456789');
    forged.searchParams.set('state', authorize.searchParams.get('state')!);
    forged.searchParams.set('iss', 'https://evil.example');
    secrets.fromUrl(forged.toString());
    const landed = new URL((await browser.open(forged.toString())).finalUrl);
    expect([...landed.searchParams.keys()]).toEqual(['custom-acme-invalid-state']);
  });

  it('works with client_secret_post and without PKCE, and revokes (RFC 7009) on disconnect', async () => {
    const registered = await system.api.post<ProviderView>(
      '/api/v1/provider',
      registration({
        key: 'acme-post',
        clientId: POST.id,
        clientSecret: POST.secret,
        clientAuth: 'post',
        pkce: false,
        issuer: undefined,
      }),
    );
    expect(registered.status).toBe(201);
    const { browser, authorize } = await startConnect('CUSTOM_OAUTH2:acme-post');
    expect(authorize.searchParams.has('code_challenge')).toBe(false);
    const landed = new URL((await browser.open(authorize.toString())).finalUrl);
    browser.visited.forEach((url) => secrets.fromUrl(url));
    expect(Object.fromEntries(landed.searchParams)).toEqual({
      'custom-acme-post-callback': 'success',
    });
    const bob = (await accounts()).find((a) => a.type === 'CUSTOM_OAUTH2:acme-post')!;
    expect(bob).toMatchObject({ externalId: 'bob', status: 'ACTIVE' });
    const refreshToken = await vaultRefreshToken(bob.id);
    expect(await oidc.active(refreshToken, POST)).toBe(true);
    const revokedBefore = oidc.events.filter((e) => e.event === 'grant.revoked').length;

    const res = await system.api.request('DELETE', `/api/v1/social-account/${bob.id}`);
    expect(res.status).toBeLessThan(300);
    await waitFor(async () => ((await oidc.active(refreshToken, POST)) ? undefined : true), {
      timeoutMs: 20_000,
      what: 'the refresh token revoked at the provider',
    });
    await waitFor(
      () =>
        Promise.resolve(
          oidc.events.filter((e) => e.event === 'grant.revoked').length > revokedBefore
            ? true
            : undefined,
        ),
      { timeoutMs: 5_000, what: 'a grant.revoked event for the revocation' },
    );
  });

  it('deleting a provider stops new connections with it', async () => {
    const res = await system.api.request(
      'DELETE',
      `/api/v1/provider/acme-post?teamId=${team.teamId}`,
    );
    expect(res.status).toBe(204);
    const started = await system.api.post<{ code: string }>('/api/v1/social-account/connect', {
      teamId: team.teamId,
      type: 'CUSTOM_OAUTH2:acme-post',
      redirectUrl: team.redirectUrl,
    });
    expect(started.status).toBe(400);
    expect(started.body.code).toBe('unknown-platform');
  });

  it('never logs a token, code, state, verifier or client secret in any process', async () => {
    await secrets.vaultTokens();
    expect(findSecrets(system.allLines(), secrets.list())).toEqual([]);
  });

  it('still has every process running', () => {
    expect(system.exited()).toEqual([]);
  });
});

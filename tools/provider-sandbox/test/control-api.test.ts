import type { ControlError, GrantItem, StatsBody } from './support/control-types';
import { GENERIC, SandboxHarness, TWITTER, basicAuth, pkcePair } from './support/sandbox-harness';

describe('control API', () => {
  let sandbox: SandboxHarness;

  beforeAll(async () => {
    sandbox = await SandboxHarness.start();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('ttl sets lifetimes for tokens issued afterwards', async () => {
    const before = await sandbox.connect(GENERIC);
    const res = await sandbox.control('POST', '/ttl', {
      type: 'GENERIC',
      accessTtlSeconds: 1,
      refreshTtlSeconds: 120,
    });
    expect(res.body).toEqual({ type: 'GENERIC', accessTtlSeconds: 1, refreshTtlSeconds: 120 });
    const after = await sandbox.connect(GENERIC);
    expect(before.expires_in).toBe(3600);
    expect(after.expires_in).toBe(1);
    expect(after.refresh_token_expires_in).toBe(120);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await sandbox.userInfo(GENERIC, after.access_token)).status).toBe(401);
    expect((await sandbox.userInfo(GENERIC, before.access_token)).status).toBe(200);
  });

  it('an expired refresh token is invalid_grant', async () => {
    await sandbox.control('POST', '/ttl', {
      type: 'TWITTER',
      accessTtlSeconds: 60,
      refreshTtlSeconds: 0,
    });
    const tokens = await sandbox.connect(TWITTER);
    const res = await sandbox.refresh(TWITTER, tokens.refresh_token!);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('revoke: the user withdrew access, so refresh is invalid_grant and API calls are 401', async () => {
    const alice = await sandbox.connect(TWITTER, 'alice');
    const bob = await sandbox.connect(TWITTER, 'bob');
    const aliceGeneric = await sandbox.connect(GENERIC, 'alice');
    const res = await sandbox.control('POST', '/revoke', { type: 'TWITTER', user: 'alice' });
    expect(res.body).toEqual({ revoked: 1 });

    const refreshed = await sandbox.refresh(TWITTER, alice.refresh_token!);
    expect(refreshed.status).toBe(400);
    expect(refreshed.body.error).toBe('invalid_grant');
    expect((await sandbox.userInfo(TWITTER, alice.access_token)).status).toBe(401);
    // Nobody else is affected, and no reuse was counted.
    expect((await sandbox.refresh(TWITTER, bob.refresh_token!)).status).toBe(200);
    expect((await sandbox.refresh(GENERIC, aliceGeneric.refresh_token!)).status).toBe(200);
    expect((await sandbox.control<StatsBody>('GET', '/stats')).body.refreshTokenReuse).toBe(0);
  });

  it('grants lists status and counts, never token values', async () => {
    const tokens = await sandbox.connect(TWITTER, 'alice');
    await sandbox.refresh(TWITTER, tokens.refresh_token!);
    await sandbox.connect(GENERIC, 'bob');
    const res = await sandbox.control<{ items: GrantItem[] }>(
      'GET',
      '/grants?type=TWITTER&user=alice',
    );
    expect(res.body.items).toEqual([
      expect.objectContaining({
        type: 'TWITTER',
        clientId: TWITTER.clientId,
        user: 'alice',
        scopes: ['tweet.read', 'users.read', 'offline.access'],
        status: 'active',
        accessTokensIssued: 2,
        refreshTokensIssued: 2,
        refreshes: 1,
      }),
    ]);
    const all = await sandbox.control<{ items: GrantItem[] }>('GET', '/grants');
    expect(all.body.items).toHaveLength(2);
    expect(JSON.stringify(all.body)).not.toMatch(/sbx_(at|rt|ac)_/);
  });

  it('reset clears grants, stats, faults, lifetimes and clients', async () => {
    const tokens = await sandbox.connect(GENERIC);
    await sandbox.control('POST', '/fail', { type: 'GENERIC', kind: '500', count: 5 });
    await sandbox.control('POST', '/ttl', { type: 'GENERIC', accessTtlSeconds: 5 });
    await sandbox.control('POST', '/clients', { clientId: 'team-app' });

    expect((await sandbox.control('POST', '/reset')).status).toBe(200);

    expect((await sandbox.control<{ items: unknown[] }>('GET', '/grants')).body.items).toEqual([]);
    expect((await sandbox.control<StatsBody>('GET', '/stats')).body).toEqual({
      tokenCalls: {},
      refreshTokenReuse: 0,
      revokeCalls: {},
    });
    expect((await sandbox.userInfo(GENERIC, tokens.access_token)).status).toBe(401);
    const fresh = await sandbox.connect(GENERIC);
    expect(fresh.expires_in).toBe(3600);
    const teamApp = await sandbox.authorize(
      GENERIC,
      sandbox.authorizeParams(GENERIC, pkcePair(), {
        client_id: 'team-app',
        sandbox_action: 'deny',
      }),
    );
    expect(teamApp.status).toBe(400);
  });

  it('clients registers a team’s own app with <client_id>-secret', async () => {
    const res = await sandbox.control('POST', '/clients', { clientId: 'acme-app' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      clientId: 'acme-app',
      clientSecret: 'acme-app-secret',
      redirectUris: null,
    });
    const pkce = pkcePair();
    const code = await sandbox.approve(GENERIC, pkce, 'alice', { client_id: 'acme-app' });
    const tokens = await sandbox.postForm(
      GENERIC.token,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'http://localhost:3999/callback',
        code_verifier: pkce.verifier,
      },
      basicAuth('acme-app', 'acme-app-secret'),
    );
    expect(tokens.status).toBe(200);
  });

  it('users shows a user’s standard entity set', async () => {
    type Entities = Record<string, unknown[]>;
    const standard = await sandbox.control<{ id: string; entities: Entities }>(
      'GET',
      '/users/alice',
    );
    expect(standard.body.entities.facebookPages).toHaveLength(2);
    expect(standard.body.entities.instagramAccounts).toEqual([
      expect.objectContaining({ accountType: 'BUSINESS' }),
    ]);
    for (const key of [
      'linkedinOrganizations',
      'youtubeChannels',
      'googleBusinessLocations',
      'discordServers',
      'slackWorkspaces',
      'pinterestBoards',
    ]) {
      expect(standard.body.entities[key]).toHaveLength(1);
    }
    const empty = await sandbox.control<{ entities: Entities }>('GET', '/users/empty-zed');
    expect(Object.values(empty.body.entities).flat()).toEqual([]);
    const personal = await sandbox.control<{ entities: Entities }>('GET', '/users/personal-pat');
    expect(Object.values(personal.body.entities).flat()).toEqual([
      expect.objectContaining({ accountType: 'PERSONAL' }),
    ]);
  });

  it.each([
    ['/fail', { type: 'TWITTER', kind: '418', count: 1 }],
    ['/fail', { type: 'MYSPACE', kind: '500', count: 1 }],
    ['/fail', { type: 'TWITTER', kind: '500', count: 0 }],
    ['/fail', { type: 'TWITTER', kind: '500', count: 1, extra: true }],
    ['/ttl', { type: 'GENERIC', accessTtlSeconds: -1 }],
    ['/ttl', { type: 'GENERIC' }],
    ['/revoke', { type: 'TWITTER', user: '<script>' }],
    ['/clients', { clientId: 'has space' }],
    ['/smtp', { down: 'yes' }],
  ])('POST %s %j is 400 validation-failed', async (path, body) => {
    const res = await sandbox.control<ControlError>('POST', path, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation-failed');
    expect(res.body.message).toEqual(expect.any(String));
  });

  it('malformed JSON is 400 validation-failed', async () => {
    const res = await fetch(`${sandbox.url}/_sandbox/fail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ControlError).code).toBe('validation-failed');
  });

  it('unknown routes are 404 not-found', async () => {
    const res = await sandbox.control<ControlError>('GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not-found');
  });
});

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  createProviderRegistry,
  missingScopes,
  slackEventPayload,
  type ProviderAdapter,
  type TokenSet,
} from '@switchboard/providers';

import type { GrantItem } from './support/control-types';
import { ADAPTER_REDIRECT_URI, AdapterHarness, providerFailure } from './support/adapter-harness';

/** What the app's Request URL received. */
interface Delivered {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local Request URL for Slack's events. */
async function requestUrl(): Promise<{ url: string; received: Delivered[]; server: Server }> {
  const received: Delivered[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    received,
    server,
  };
}

/** The sandbox's Slack, driven by the real SLACK adapter: an app without and one with token rotation. */
describe('sandbox SLACK', () => {
  let harness: AdapterHarness;
  let plain: ProviderAdapter;
  let rotating: ProviderAdapter;

  beforeAll(async () => {
    harness = await AdapterHarness.start();
    plain = harness.adapter('SLACK', 500);
    rotating = createProviderRegistry({
      env: {
        SANDBOX_URL: harness.url,
        SLACK_CLIENT_ID: 'sandbox-slack-rotating-client',
        SLACK_CLIENT_SECRET: 'sandbox-slack-rotating-client-secret',
      },
      fetchTimeoutMs: 500,
    }).get('SLACK');
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  /** Installs with the default bot scopes and a user scope: both tokens. */
  async function install(
    adapter: ProviderAdapter,
    user = 'alice',
    action = 'approve',
  ): Promise<TokenSet> {
    const scopes = [...adapter.defaultScopes(), 'user:search:read'];
    const response = await harness.authorize(adapter, user, action, scopes);
    if (response.code === null) throw new Error(`no code: ${response.error}`);
    return adapter.exchangeCode({
      code: response.code,
      redirectUri: ADAPTER_REDIRECT_URI,
      codeVerifier: null,
      requestedScopes: scopes,
    });
  }

  async function authTest(token: string): Promise<{ ok: boolean; error?: string }> {
    const res = await fetch(`${harness.url}/slack/api/auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    return (await res.json()) as { ok: boolean; error?: string };
  }

  it('without token rotation: a bot and a user token that never expire, the workspace to choose', async () => {
    const grant = await install(plain);
    expect(grant).toMatchObject({ tokenType: 'bot', expiresAt: null, refreshToken: null });
    expect(grant.accessToken).toMatch(/^xoxb-/);
    expect(grant.extra).toMatchObject({
      botToken: grant.accessToken,
      botScopes: ['team:read', 'chat:write', 'channels:read'],
      userScopes: ['search:read'],
      tokenRotation: false,
    });
    expect(grant.extra['userToken']).toMatch(/^xoxp-/);
    expect(grant.scopes).toContain('user:search:read');
    expect(plain.refreshable(grant)).toBe(false);
    const identity = await plain.identify(grant);
    expect(identity.externalId).toMatch(/^T\d+$/);
    const workspaces = await plain.channels!.list(grant);
    expect(workspaces).toEqual([
      expect.objectContaining({ id: identity.externalId, name: 'alice workspace', eligible: true }),
    ]);
    expect((await authTest(grant.extra['userToken'] as string)).ok).toBe(true);
  });

  it('with token rotation: 12-hour tokens, each refreshed with its own single-use refresh token', async () => {
    const before = Date.now();
    const grant = await install(rotating);
    expect(grant.accessToken).toMatch(/^xoxe\.xoxb-1-/);
    expect(grant.extra['userToken']).toMatch(/^xoxe\.xoxp-1-/);
    expect(grant.expiresAt!.getTime() - before).toBeLessThanOrEqual(43_200_000 + 5_000);
    expect(rotating.refreshable(grant)).toBe(true);

    const refreshed = await rotating.refresh({
      refreshToken: grant.refreshToken!,
      scopes: grant.scopes,
    });
    expect(refreshed.accessToken).not.toBe(grant.accessToken);
    expect(refreshed.extra['userToken']).not.toBe(grant.extra['userToken']);
    expect((await authTest(refreshed.accessToken)).ok).toBe(true);
    expect((await authTest(refreshed.extra['userToken'] as string)).ok).toBe(true);
    expect(refreshed.scopes).toEqual(grant.scopes);

    const reused = await providerFailure(
      rotating.refresh({ refreshToken: grant.refreshToken!, scopes: [] }),
    );
    expect(reused).toMatchObject({
      kind: 'reauth_required',
      providerCode: 'invalid_refresh_token',
    });
    await rotating.refresh({ refreshToken: refreshed.refreshToken!, scopes: grant.scopes });
  });

  it('an app without rotation has nothing to refresh', async () => {
    const error = await providerFailure(plain.refresh({ refreshToken: 'xoxe-1-none', scopes: [] }));
    expect(error).toMatchObject({ kind: 'reauth_required', providerCode: 'invalid_refresh_token' });
  });

  it('a denial comes back as access_denied; a dropped scope shows in the grant', async () => {
    expect(await harness.authorize(plain, 'alice', 'deny')).toMatchObject({
      error: 'access_denied',
    });
    const grant = await install(plain, 'alice', 'drop-scopes:team:read');
    expect(missingScopes(plain.requiredScopes(), grant.scopes)).toEqual(['team:read']);
    expect((await providerFailure(plain.channels!.list(grant))).kind).toBe('permission_lost');
  });

  it('an org-wide install that no workspace was granted to has no workspace to offer', async () => {
    const grant = await install(plain, 'empty-bob');
    expect(grant.extra).toMatchObject({ isEnterpriseInstall: true, teamId: null });
    expect((await plain.identify(grant)).externalId).toMatch(/^E\d+$/);
    expect(await plain.channels!.list(grant)).toEqual([]);
  });

  it('auth.revoke revokes the token it is called with, not the other one', async () => {
    const grant = await install(plain);
    expect(await plain.revoke({ accessToken: grant.accessToken, refreshToken: null })).toEqual({
      revoked: true,
    });
    expect(await authTest(grant.accessToken)).toEqual({ ok: false, error: 'token_revoked' });
    const userToken = grant.extra['userToken'] as string;
    expect((await authTest(userToken)).ok).toBe(true);
    expect(await plain.revoke({ accessToken: userToken, refreshToken: null })).toEqual({
      revoked: true,
    });
    const grants = await harness.control<{ items: GrantItem[] }>('GET', '/grants?type=SLACK');
    expect(grants.items[0].status).toBe('revoked');
    expect(await plain.revoke({ accessToken: grant.accessToken, refreshToken: null })).toEqual({
      revoked: false,
    });
  });

  it('the user withdraws access: API calls say token_revoked, refresh fails as reauth_required', async () => {
    const grant = await install(rotating);
    await harness.control('POST', '/revoke', { type: 'SLACK', user: 'alice' });
    expect((await providerFailure(rotating.channels!.list(grant))).kind).toBe('reauth_required');
    expect(
      (await providerFailure(rotating.refresh({ refreshToken: grant.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
  });

  describe('events', () => {
    it('delivers a signed tokens_revoked the adapter verifies, naming the workspace; the tokens are gone', async () => {
      const target = await requestUrl();
      try {
        const grant = await install(plain);
        const answer = await harness.control<{ revoked: number; delivery: { status: number } }>(
          'POST',
          '/slack/events',
          { user: 'alice', requestUrl: target.url, event: 'tokens_revoked' },
        );
        expect(answer).toMatchObject({ revoked: 1, delivery: { status: 200 } });
        const [delivered] = target.received;
        expect(delivered.headers['content-type']).toBe('application/json');
        const body = JSON.parse(delivered.body) as {
          type: string;
          event: { type: string; tokens: unknown };
        };
        expect(body).toMatchObject({ type: 'event_callback', event: { type: 'tokens_revoked' } });
        const payload = slackEventPayload({
          body: delivered.body,
          timestamp: delivered.headers['x-slack-request-timestamp'] as string,
          signature: delivered.headers['x-slack-signature'] as string,
        });
        expect(plain.pushRevocation!.verify(payload)).toEqual({
          platformUserId: (await plain.identify(grant)).externalId,
        });
        expect(await authTest(grant.accessToken)).toEqual({ ok: false, error: 'token_revoked' });
      } finally {
        target.server.close();
      }
    });

    it('an app_uninstalled verifies too; a forged or stale one is refused', async () => {
      const target = await requestUrl();
      try {
        await harness.control('POST', '/slack/events', {
          user: 'alice',
          requestUrl: target.url,
          event: 'app_uninstalled',
        });
        await harness.control('POST', '/slack/events', {
          user: 'alice',
          requestUrl: target.url,
          event: 'tokens_revoked',
          signingSecret: 'not-the-apps-secret',
        });
        await harness.control('POST', '/slack/events', {
          user: 'alice',
          requestUrl: target.url,
          event: 'tokens_revoked',
          timestampOffsetSeconds: -600,
        });
        const [uninstalled, forged, stale] = target.received.map((d) =>
          slackEventPayload({
            body: d.body,
            timestamp: d.headers['x-slack-request-timestamp'] as string,
            signature: d.headers['x-slack-signature'] as string,
          }),
        );
        expect(plain.pushRevocation!.verify(uninstalled).platformUserId).toMatch(/^T\d+$/);
        expect(() => plain.pushRevocation!.verify(forged)).toThrow(
          /X-Slack-Signature does not match/,
        );
        expect(() => plain.pushRevocation!.verify(stale)).toThrow(/five minutes/);
        // the rotating app has its own signing secret
        expect(() => rotating.pushRevocation!.verify(uninstalled)).toThrow(/X-Slack-Signature/);
      } finally {
        target.server.close();
      }
    });
  });

  describe.each([
    ['429', 'transient'],
    ['500', 'transient'],
    ['invalid_grant', 'reauth_required'],
    ['drop-response', 'transient'],
    ['timeout', 'transient'],
  ])('an injected %s on refresh', (kind, expected) => {
    it(`is ${expected}`, async () => {
      const grant = await install(rotating);
      await harness.fail('SLACK', kind, 1, 5);
      const error = await providerFailure(
        rotating.refresh({ refreshToken: grant.refreshToken!, scopes: [] }),
      );
      expect(error.kind).toBe(expected);
      if (kind === '429') expect(error).toMatchObject({ status: 429, retryAfterSeconds: 5 });
    });
  });
});

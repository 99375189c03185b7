import { createHmac } from 'node:crypto';
import { findSecrets, waitFor } from '@switchboard/testing';
import { FlowBrowser, withConsent } from './support/browser';
import { createTeam, PRODUCT_ORIGIN, type TeamFixture } from './support/flows';
import { SecretCollector } from './support/secrets';
import { System } from './support/system';

interface Account {
  id: string;
  type: string;
  externalId: string;
  displayName: string;
  status: string;
  statusReason: string | null;
  expiresAt: string | null;
}

interface Delivery {
  revoked: number;
  delivery: { status: number | null; body: unknown };
}

/** The sandbox app's signing secret (`<client id>-signing-secret`); the services derive the same. */
const SIGNING_SECRET = 'sandbox-slack-client-signing-secret';

/**
 * Slack without token rotation (its default: tokens that never expire, so nothing to refresh) and
 * Slack's Events API: signed `tokens_revoked` / `app_uninstalled` events posted to the gateway
 * turn the installation's connections EXPIRED at once; a badly signed or stale one is refused
 * with 400 and changes nothing; `url_verification` is answered.
 */
describe('Slack: bot and user tokens without rotation, and signed revocation events', () => {
  const system = new System();
  let team: TeamFixture;
  let otherTeam: TeamFixture;
  let secrets: SecretCollector;
  let eventsUrl: string;
  let alice: Account;
  let carol: Account;

  beforeAll(async () => {
    await system.start();
    secrets = new SecretCollector(system.databaseUrl, system.keyringFile);
    secrets.add(system.adminKey);
    team = await createTeam(system.api, 'Slack events team');
    otherTeam = await createTeam(system.api, 'Another Slack team');
    eventsUrl = `${system.gatewayUrl}/api/v1/platform/slack/events`;
  }, 180_000);

  afterAll(() => system.stop());

  async function account(id: string): Promise<Account> {
    const res = await system.api.get<Account>(`/api/v1/social-account/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  /** Connect SLACK as `user` (with a user-token scope) and pick the workspace. */
  async function install(user: string, into = team): Promise<Account> {
    const started = await system.api.post<{ url: string }>('/api/v1/social-account/connect', {
      teamId: into.teamId,
      type: 'SLACK',
      redirectUrl: into.redirectUrl,
      memberId: into.memberId,
      scopes: ['user:search:read'],
    });
    expect(started.status).toBe(201);
    const browser = new FlowBrowser((url) => url.origin === PRODUCT_ORIGIN);
    const launch = await fetch(started.body.url, { redirect: 'manual' });
    browser.remember(started.body.url, launch.headers.getSetCookie());
    const landed = new URL(
      (await browser.open(withConsent(launch.headers.get('location')!, user))).finalUrl,
    );
    [started.body.url, ...browser.visited].forEach((url) => secrets.fromUrl(url));
    const selectionId = landed.searchParams.get('slack-select-channel');
    expect(selectionId).not.toBeNull();
    const selection = await system.api.get<{ candidates: { id: string }[] }>(
      `/api/v1/social-account/selection/${selectionId}`,
    );
    const done = await system.api.post<{ items: Account[] }>(
      `/api/v1/social-account/selection/${selectionId}`,
      {
        channelId: selection.body.candidates[0].id,
      },
    );
    expect(done.status).toBeLessThan(300);
    await secrets.vaultTokens();
    return done.body.items[0];
  }

  /** Posts a Slack event to the gateway, signed with `secret` at `timestamp`. */
  async function postEvent(
    body: object,
    options: { secret?: string; timestamp?: number; headers?: boolean } = {},
  ): Promise<{ status: number; body: { code?: string; challenge?: string; received?: boolean } }> {
    const raw = JSON.stringify(body);
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET)
      .update(`v0:${timestamp}:${raw}`)
      .digest('hex')}`;
    const res = await fetch(eventsUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.headers === false
          ? {}
          : { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature }),
      },
      body: raw,
    });
    return { status: res.status, body: (await res.json()) as { code?: string } };
  }

  function tokensRevoked(teamId: string): object {
    return {
      token: 'legacy-verification-token',
      team_id: teamId,
      api_app_id: 'A0KRD7HC3',
      event: { type: 'tokens_revoked', tokens: { oauth: ['U1'], bot: ['U2'] } },
      type: 'event_callback',
      event_id: 'Ev0000001',
      event_time: Math.floor(Date.now() / 1000),
    };
  }

  it('connects two workspaces (two teams): bot and user tokens in extra, nothing expires, nothing to refresh', async () => {
    alice = await install('alice');
    carol = await install('carol', otherTeam);
    expect(alice).toMatchObject({
      type: 'SLACK',
      status: 'ACTIVE',
      displayName: 'alice workspace',
    });
    expect(alice.externalId).toMatch(/^T\d+$/);
    expect(alice.expiresAt).toBeNull();
    const token = await system.api.get<{
      accessToken: string;
      expiresAt: string | null;
      extra: Record<string, unknown>;
    }>(`/api/v1/social-account/${alice.id}/token`);
    expect(token.status).toBe(200);
    secrets.add(token.body.accessToken, token.body.extra['userToken'] as string);
    expect(token.body.accessToken).toMatch(/^xoxb-/);
    expect(token.body.extra).toMatchObject({
      botToken: token.body.accessToken,
      botScopes: ['team:read', 'chat:write', 'channels:read'],
      userScopes: ['search:read'],
      teamId: alice.externalId,
      tokenRotation: false,
    });
    expect(token.body.extra['userToken']).toMatch(/^xoxp-/);
    expect((await system.sandbox.stats()).tokenCalls['SLACK']?.['refresh_token']).toBeUndefined();
  });

  it('answers Slack’s url_verification challenge', async () => {
    const res = await postEvent({
      token: 'x',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    });
    expect(res).toEqual({
      status: 200,
      body: { challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' },
    });
  });

  it('acknowledges other events and changes nothing', async () => {
    const res = await postEvent({
      type: 'event_callback',
      team_id: alice.externalId,
      event: { type: 'message' },
    });
    expect(res).toEqual({ status: 200, body: { received: true } });
    expect((await account(alice.id)).status).toBe('ACTIVE');
  });

  it('refuses a badly signed tokens_revoked with 400 and changes nothing', async () => {
    const forged = await postEvent(tokensRevoked(alice.externalId), {
      secret: 'not-the-signing-secret',
    });
    expect(forged).toMatchObject({ status: 400, body: { code: 'invalid-signature' } });
    const stale = await postEvent(tokensRevoked(alice.externalId), {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    expect(stale).toMatchObject({ status: 400, body: { code: 'invalid-signature' } });
    const unsigned = await postEvent(tokensRevoked(alice.externalId), { headers: false });
    expect(unsigned).toMatchObject({ status: 400, body: { code: 'invalid-signature' } });
    const garbled = await fetch(eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    expect(garbled.status).toBe(400);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await account(alice.id)).status).toBe('ACTIVE');
    expect((await account(carol.id)).status).toBe('ACTIVE');
  });

  it('a signed tokens_revoked from Slack turns the workspace’s account EXPIRED at once, and only it', async () => {
    const pushed = (await (
      await fetch(`${system.sandbox.url}/_sandbox/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'alice', requestUrl: eventsUrl, event: 'tokens_revoked' }),
      })
    ).json()) as Delivery;
    expect(pushed.delivery).toMatchObject({
      status: 200,
      body: { received: true, connections: 1 },
    });
    const expired = await waitFor(
      async () => {
        const listed = await account(alice.id);
        return listed.status === 'EXPIRED' ? listed : undefined;
      },
      { timeoutMs: 10_000, what: 'the Slack account to turn EXPIRED' },
    );
    expect(expired.status).toBe('EXPIRED');
    expect((await account(carol.id)).status).toBe('ACTIVE');
  });

  it('a signed app_uninstalled does the same for its workspace', async () => {
    const pushed = (await (
      await fetch(`${system.sandbox.url}/_sandbox/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'carol', requestUrl: eventsUrl, event: 'app_uninstalled' }),
      })
    ).json()) as Delivery;
    expect(pushed.delivery.status).toBe(200);
    await waitFor(async () => ((await account(carol.id)).status === 'EXPIRED' ? true : undefined), {
      timeoutMs: 10_000,
      what: 'the second Slack account to turn EXPIRED',
    });
  });

  it('never logs a token, code, state or verifier in any process', () => {
    expect(secrets.size).toBeGreaterThanOrEqual(8);
    expect(findSecrets(system.allLines(), [...secrets.list(), SIGNING_SECRET])).toEqual([]);
  });

  it('still has every process running', () => {
    expect(system.exited()).toEqual([]);
  });
});

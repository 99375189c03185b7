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
  lastRefreshedAt: string | null;
}

interface Candidate {
  id: string;
  name: string;
  eligible: boolean;
  detail: string | null;
}

interface Case {
  type: string;
  /** The API.md redirect prefix. */
  prefix: string;
  /** Scopes the product adds beside the defaults. */
  scopes: string[];
  /** The detail each candidate shows where a channel must be chosen; null when there is none. */
  detail: RegExp | null;
  noChannels: string | null;
  /** `extra` keys the token route must return. */
  extra: string[];
  /** A required scope to untick. */
  required: string;
}

const CASES: Case[] = [
  {
    type: 'PINTEREST',
    prefix: 'pinterest',
    scopes: [],
    detail: /^public · by @alice$/,
    noChannels: 'pinterest-not-enough-boards',
    extra: ['boardId', 'boardName'],
    required: 'boards:read',
  },
  {
    type: 'REDDIT',
    prefix: 'reddit',
    scopes: [],
    detail: null,
    noChannels: null,
    extra: [],
    required: 'identity',
  },
  {
    type: 'DISCORD',
    prefix: 'discord',
    scopes: [],
    detail: /^Switchboard’s bot was added$/,
    noChannels: 'discord-not-enough-servers',
    extra: ['guildId', 'guildName', 'guild'],
    required: 'guilds',
  },
  {
    type: 'SLACK',
    prefix: 'slack',
    scopes: ['user:search:read'],
    detail: /^alice\.slack\.com$/,
    noChannels: 'slack-not-enough-workspaces',
    extra: ['botToken', 'botScopes', 'userToken', 'userScopes', 'teamId', 'botUserId'],
    required: 'team:read',
  },
  {
    type: 'FANVUE',
    prefix: 'fanvue',
    scopes: [],
    detail: null,
    noChannels: null,
    extra: [],
    required: 'read:self',
  },
];

/**
 * Pinterest, Reddit, Discord, Slack (an app with token rotation) and Fanvue through the five
 * running services and the sandbox: connect → choose the board / server / workspace → refresh
 * ahead of expiry → the user withdraws access and the account turns EXPIRED, plus the callback
 * parameters these platforms produce and no secret in any log.
 */
describe('platforms: Pinterest, Reddit, Discord, Slack and Fanvue through the running services', () => {
  const system = new System({
    env: {
      SLACK_CLIENT_ID: 'sandbox-slack-rotating-client',
      SLACK_CLIENT_SECRET: 'sandbox-slack-rotating-client-secret',
    },
  });
  let team: TeamFixture;
  let secrets: SecretCollector;
  const connected = new Map<string, Account>();

  beforeAll(async () => {
    await system.start();
    secrets = new SecretCollector(system.databaseUrl, system.keyringFile);
    secrets.add(system.adminKey);
    for (const { type } of CASES) await system.sandbox.ttl(type, 8);
    team = await createTeam(system.api, 'Platforms part A');
  }, 180_000);

  afterAll(() => system.stop());

  const accounts = async () =>
    (await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${team.teamId}`))
      .body.items;

  /** The product's connect call (with extra scopes), then the browser through consent and back. */
  async function connect(platform: Case, user: string, action = 'approve'): Promise<URL> {
    const started = await system.api.post<{ url: string }>('/api/v1/social-account/connect', {
      teamId: team.teamId,
      type: platform.type,
      redirectUrl: team.redirectUrl,
      memberId: team.memberId,
      ...(platform.scopes.length > 0 ? { scopes: platform.scopes } : {}),
    });
    expect(started.status).toBe(201);
    const browser = new FlowBrowser((url) => url.origin === PRODUCT_ORIGIN);
    const launch = await fetch(started.body.url, { redirect: 'manual' });
    browser.remember(started.body.url, launch.headers.getSetCookie());
    const atProvider = launch.headers.get('location');
    expect(launch.status).toBe(302);
    await secrets.pendingVerifiers();
    const landed = await browser.open(withConsent(atProvider!, user, action));
    [started.body.url, ...browser.visited].forEach((url) => secrets.fromUrl(url));
    return new URL(landed.finalUrl);
  }

  describe.each(CASES)('$type', (platform) => {
    it('connects, choosing the channel where the platform has them', async () => {
      const landed = await connect(platform, 'alice');
      let account: Account;
      if (platform.detail === null) {
        expect(Object.fromEntries(landed.searchParams)).toEqual({
          [`${platform.prefix}-callback`]: 'success',
        });
        account = (await accounts()).find((a) => a.type === platform.type)!;
        expect(account).toBeDefined();
      } else {
        const selectionId = landed.searchParams.get(`${platform.prefix}-select-channel`);
        expect(selectionId).toMatch(/^[0-9a-f-]{36}$/);
        const selection = await system.api.get<{ type: string; candidates: Candidate[] }>(
          `/api/v1/social-account/selection/${selectionId}`,
        );
        expect(selection.status).toBe(200);
        expect(selection.body.type).toBe(platform.type);
        expect(selection.body.candidates).toEqual([
          expect.objectContaining({
            eligible: true,
            detail: expect.stringMatching(platform.detail) as string,
          }),
        ]);
        const [chosen] = selection.body.candidates;
        const done = await system.api.post<{ items: Account[] }>(
          `/api/v1/social-account/selection/${selectionId}`,
          { channelId: chosen.id },
        );
        expect(done.status).toBeLessThan(300);
        account = done.body.items[0]!;
        expect(account).toMatchObject({ externalId: chosen.id, displayName: chosen.name });
      }
      expect(account).toMatchObject({ type: platform.type, status: 'ACTIVE' });
      connected.set(platform.type, account);
      await secrets.vaultTokens();
    });

    it('returns the token with what the platform needs beside it', async () => {
      const account = connected.get(platform.type)!;
      const token = await system.api.get<{
        accessToken: string;
        extra: Record<string, unknown>;
        refreshToken?: string;
      }>(`/api/v1/social-account/${account.id}/token`);
      expect(token.status).toBe(200);
      secrets.add(token.body.accessToken);
      for (const value of Object.values(token.body.extra)) {
        if (typeof value === 'string') secrets.add(value);
      }
      expect(token.body.refreshToken).toBeUndefined();
      for (const key of platform.extra) expect(token.body.extra[key]).toBeDefined();
      if (platform.type === 'SLACK') {
        expect(token.body.accessToken).toBe(token.body.extra['botToken']);
        expect(token.body.extra['userToken']).toMatch(/^xoxe\.xoxp-/);
        expect(token.body.extra['userScopes']).toEqual(['search:read']);
      }
    });

    it('refreshes ahead of expiry without reusing a refresh token', async () => {
      const account = connected.get(platform.type)!;
      await waitFor(
        async () =>
          (await accounts()).find((a) => a.id === account.id)?.lastRefreshedAt ?? undefined,
        { timeoutMs: 30_000, what: `a ${platform.type} refresh` },
      );
      const stats = await system.sandbox.stats();
      expect(stats.tokenCalls[platform.type]?.['refresh_token']).toBeGreaterThanOrEqual(1);
      expect(stats.refreshTokenReuse).toBe(0);
      expect((await accounts()).find((a) => a.id === account.id)?.status).toBe('ACTIVE');
      await secrets.vaultTokens();
    });

    it('turns EXPIRED when the user withdraws access at the platform', async () => {
      const account = connected.get(platform.type)!;
      await system.sandbox.revoke(platform.type, 'alice');
      const expired = await waitFor(
        async () => {
          const listed = (await accounts()).find((a) => a.id === account.id);
          return listed?.status === 'EXPIRED' ? listed : undefined;
        },
        { timeoutMs: 40_000, what: `the ${platform.type} account to turn EXPIRED` },
      );
      expect(expired.statusReason).toBe('reauth_required');
    });

    it('says <type>-denied when the user presses Cancel', async () => {
      const landed = await connect(platform, 'alice', 'deny');
      expect([...landed.searchParams.keys()]).toEqual([`${platform.prefix}-denied`]);
    });

    it('says <type>-not-enough-permissions with the missing scope', async () => {
      const landed = await connect(platform, 'alice', `drop-scopes:${platform.required}`);
      expect(landed.searchParams.has(`${platform.prefix}-not-enough-permissions`)).toBe(true);
      expect(landed.searchParams.get('missing')).toBe(platform.required);
    });

    if (platform.noChannels !== null) {
      const param = platform.noChannels;
      it(`says ${param} when there is nothing to choose`, async () => {
        const landed = await connect(platform, 'empty-bob');
        expect([...landed.searchParams.keys()]).toEqual([param]);
      });
    }
  });

  it('sent Reddit a descriptive User-Agent on every call (the sandbox rate-limits any other)', async () => {
    const stats = await system.sandbox.stats();
    expect(stats.tokenCalls['REDDIT']?.['authorization_code']).toBeGreaterThanOrEqual(1);
    const reddit = (await accounts()).filter((a) => a.type === 'REDDIT');
    expect(reddit.every((a) => a.lastRefreshedAt !== null)).toBe(true);
  });

  it('never logs a token, code, state or verifier in any process', () => {
    expect(secrets.size).toBeGreaterThanOrEqual(25);
    expect(findSecrets(system.allLines(), secrets.list())).toEqual([]);
  });

  it('still has every process running', () => {
    expect(system.exited()).toEqual([]);
  });
});

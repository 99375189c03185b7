import { waitFor } from '@switchboard/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FlowBrowser, withConsent } from './support/browser';
import { createTeam, PRODUCT_ORIGIN, type TeamFixture } from './support/flows';
import { System } from './support/system';

interface Account {
  id: string;
  type: string;
  externalId: string;
  displayName: string;
  status: string;
  expiresAt: string | null;
}

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
}

/** An HTTP server on every interface that counts what reaches it: SSRF targets must stay at 0. */
async function listener(): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.headers.host}${req.url}`);
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

/**
 * Mastodon (instance URL as user input, one app per instance, PKCE, no expiry, revocation) and
 * Telegram (bot token + channel, answered synchronously) through the five running services and
 * the sandbox; every SSRF refusal of issue #8 answered 400 `url-not-allowed` with nothing sent.
 */
describe('platforms: Mastodon and Telegram through the running services', () => {
  const system = new System();
  let team: TeamFixture;
  let instanceUrl = '';
  let target: Awaited<ReturnType<typeof listener>>;
  const secrets: string[] = [];

  beforeAll(async () => {
    await system.start();
    team = await createTeam(system.api, 'Mastodon and Telegram');
    instanceUrl = `http://127.0.0.1:${system.port('sandbox')}/mastodon`;
    target = await listener();
  }, 180_000);

  afterAll(async () => {
    if (target) await new Promise((resolve) => target.server.close(resolve));
    await system.stop();
  });

  const accounts = async () =>
    (await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${team.teamId}`))
      .body.items;
  const sandbox = (path: string, init?: RequestInit) =>
    fetch(`http://127.0.0.1:${system.port('sandbox')}${path}`, init).then((res) => res.json());
  const control = (path: string, body: unknown) =>
    sandbox(`/_sandbox${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  function connect(body: Record<string, unknown>) {
    return system.api.post<{ url: string } | ErrorBody | Account>(
      '/api/v1/social-account/connect',
      {
        teamId: team.teamId,
        redirectUrl: team.redirectUrl,
        ...body,
      },
    );
  }

  describe('MASTODON', () => {
    let account: Account;

    async function connectMastodon(user: string, serverUrl = instanceUrl) {
      const started = await connect({ type: 'MASTODON', serverUrl, memberId: team.memberId });
      expect(started.status).toBe(201);
      const url = (started.body as { url: string }).url;
      const browser = new FlowBrowser((u) => u.origin === PRODUCT_ORIGIN);
      const launch = await fetch(url, { redirect: 'manual' });
      browser.remember(url, launch.headers.getSetCookie());
      const authorize = new URL(launch.headers.get('location')!);
      const landed = await browser.open(withConsent(authorize.toString(), user));
      return { authorize, landed: new URL(landed.finalUrl) };
    }

    it('registers an app on the instance, then connects with PKCE', async () => {
      const { authorize, landed } = await connectMastodon('alice');
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${instanceUrl}/oauth/authorize`);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('scope')).toBe('read:accounts write:statuses write:media');
      expect(Object.fromEntries(landed.searchParams)).toEqual({ 'mastodon-callback': 'success' });
      const apps = (await sandbox('/_sandbox/mastodon/apps')) as { items: { clientId: string }[] };
      expect(apps.items).toHaveLength(1);
      expect(authorize.searchParams.get('client_id')).toBe(apps.items[0].clientId);
      account = (await accounts()).find((a) => a.type === 'MASTODON')!;
      expect(account).toMatchObject({
        status: 'ACTIVE',
        externalId: expect.stringMatching(/^\d+@127\.0\.0\.1:\d+$/) as string,
        expiresAt: null,
      });
    });

    it('reuses the instance’s app for the next flow', async () => {
      // the same account again (the team's plan allows one per platform): a reconnect
      const { authorize, landed } = await connectMastodon('alice');
      expect(landed.searchParams.get('mastodon-callback')).toBe('success');
      const apps = (await sandbox('/_sandbox/mastodon/apps')) as { items: { clientId: string }[] };
      expect(apps.items).toHaveLength(1);
      expect(authorize.searchParams.get('client_id')).toBe(apps.items[0].clientId);
    });

    it('returns the token with the instance URL, and never schedules a refresh', async () => {
      const token = await system.api.get<{
        accessToken: string;
        expiresAt: string | null;
        extra: Record<string, unknown>;
      }>(`/api/v1/social-account/${account.id}/token`);
      expect(token.status).toBe(200);
      expect(token.body.expiresAt).toBeNull();
      expect(token.body.extra['serverUrl']).toBe(instanceUrl);
      secrets.push(token.body.accessToken);
      const stats = (await system.sandbox.stats()) as {
        tokenCalls: Record<string, Record<string, number>>;
      };
      expect(stats.tokenCalls['MASTODON']).toEqual({ authorization_code: 2 });
    });

    it('revokes the token at the instance on disconnect', async () => {
      const removed = await system.api.request('DELETE', `/api/v1/social-account/${account.id}`);
      expect(removed.status).toBeLessThan(300);
      await waitFor(
        async () => {
          const stats = (await system.sandbox.stats()) as { revokeCalls: Record<string, number> };
          return (stats.revokeCalls['MASTODON'] ?? 0) >= 1 ? true : undefined;
        },
        { timeoutMs: 20_000, what: 'the Mastodon revocation' },
      );
      const grants = (await sandbox('/_sandbox/grants?type=MASTODON&user=alice')) as {
        items: { status: string }[];
      };
      // the reconnect's grant is the one the vault held; the first flow's stays the user's to end
      expect(grants.items.at(-1)?.status).toBe('revoked');
    });

    it('reaches the listener directly (so its silence below means something)', async () => {
      const res = await fetch(`http://192.0.2.2:${target.port}/probe`).catch(() => null);
      if (res) expect(target.hits).toHaveLength(1);
      target.hits.length = 0;
    });

    const refused = () => [
      'https://10.0.0.1',
      'https://10.255.255.254/',
      'https://172.16.0.1',
      'https://172.31.255.254',
      'https://192.168.1.10',
      'https://169.254.169.254',
      'https://[fc00::1]',
      'https://[fd12:3456::1]',
      'https://[fe80::1]',
      'https://0.0.0.0',
      'https://100.64.0.1',
      'https://[::ffff:10.0.0.1]',
      'https://[::ffff:169.254.169.254]',
      'https://[::ffff:c0a8:101]',
      `http://192.0.2.2:${target.port}`,
      `https://[::ffff:192.0.2.2]:${target.port}`,
      'https://user:secret@mastodon.example',
      'ftp://mastodon.example',
      'file:///etc/passwd',
    ];

    it('refuses every private, link-local, CGNAT, unspecified and mapped address, sending nothing', async () => {
      for (const serverUrl of refused()) {
        const res = await connect({ type: 'MASTODON', serverUrl });
        expect({ serverUrl, status: res.status, code: (res.body as ErrorBody).code }).toEqual({
          serverUrl,
          status: 400,
          code: 'url-not-allowed',
        });
      }
      expect(target.hits).toEqual([]);
    });

    it('refuses a redirect to a refused address while registering, sending nothing there', async () => {
      await control('/mastodon/redirect-apps', {
        location: `http://192.0.2.2:${target.port}/api/v1/apps`,
      });
      // another origin for the same sandbox instance: a new registration
      const res = await connect({
        type: 'MASTODON',
        serverUrl: `http://localhost:${system.port('sandbox')}/mastodon`,
      });
      expect(res.status).toBe(400);
      expect((res.body as ErrorBody).code).toBe('url-not-allowed');
      expect(target.hits).toEqual([]);
    });

    it('asks for the instance', async () => {
      const res = await connect({ type: 'MASTODON' });
      expect(res.status).toBe(400);
      expect((res.body as ErrorBody).message).toMatch(/serverUrl/);
    });
  });

  describe('TELEGRAM', () => {
    let bot: { id: number; username: string; token: string };
    let account: Account;

    beforeAll(async () => {
      bot = (await control('/telegram/bots', { username: 'switchboard_bot' })) as typeof bot;
      secrets.push(bot.token);
      await control('/telegram/channels', { username: 'sb_news', title: 'Switchboard News' });
      await control('/telegram/channels', { username: 'sb_other', title: 'Other' });
      await control('/telegram/admin', { channel: '@sb_news', bot: bot.username, admin: true });
      await control('/telegram/admin', { channel: '@sb_other', bot: bot.username, admin: false });
    });

    it('connects synchronously: 201 with the account', async () => {
      const res = await connect({
        type: 'TELEGRAM',
        botToken: bot.token,
        channel: '@sb_news',
        memberId: team.memberId,
      });
      expect(res.status).toBe(201);
      account = res.body as Account;
      expect(account).toMatchObject({
        type: 'TELEGRAM',
        displayName: 'Switchboard News',
        status: 'ACTIVE',
        expiresAt: null,
        externalId: expect.stringMatching(/^-100\d+$/) as string,
      });
      expect((await accounts()).map((a) => a.id)).toContain(account.id);
    });

    it('hands the bot token out only through the token route', async () => {
      const token = await system.api.get<{ accessToken: string; extra: Record<string, unknown> }>(
        `/api/v1/social-account/${account.id}/token`,
      );
      expect(token.body.accessToken).toBe(bot.token);
      expect(token.body.extra).toMatchObject({
        chatId: account.externalId,
        botUsername: bot.username,
      });
    });

    it('says telegram-bot-not-admin when the bot is not an administrator', async () => {
      const res = await connect({ type: 'TELEGRAM', botToken: bot.token, channel: '@sb_other' });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        code: 'telegram-bot-not-admin',
        message: 'the bot is not an administrator of the channel',
      });
    });

    it.each([
      [
        'a token Telegram refuses',
        { botToken: '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
        422,
        'telegram-invalid-bot-token',
      ],
      ['a malformed token', { botToken: 'not-a-token' }, 422, 'telegram-invalid-bot-token'],
      ['an unknown channel', { channel: '@nobody_here' }, 422, 'telegram-channel-not-found'],
      ['no channel', { channel: undefined }, 400, 'validation-failed'],
    ])('refuses %s', async (_name, override, status, code) => {
      const res = await connect({
        type: 'TELEGRAM',
        botToken: bot.token,
        channel: '@sb_news',
        ...override,
      });
      expect({ status: res.status, code: (res.body as ErrorBody).code }).toEqual({ status, code });
    });

    it('disconnects by shredding the token (Telegram has no revocation)', async () => {
      const removed = await system.api.request('DELETE', `/api/v1/social-account/${account.id}`);
      expect(removed.status).toBeLessThan(300);
      await waitFor(
        async () => {
          const res = await system.api.get(`/api/v1/social-account/${account.id}/token`);
          return res.status >= 400 ? res : undefined;
        },
        { timeoutMs: 20_000, what: 'the token to be gone' },
      );
      const listed = await system.api.get<Account>(`/api/v1/social-account/${account.id}`);
      expect(listed.body.status).toBe('DISCONNECTED');
    });
  });

  it('wrote no token, bot token or client secret to any log', () => {
    const lines = system.allLines().join('\n');
    for (const secret of secrets) expect(lines).not.toContain(secret);
  });
});

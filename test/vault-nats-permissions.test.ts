import { repoRoot, startNatsServer, waitFor, type OwnNats } from '@switchboard/testing';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, Events, RetentionPolicy, type NatsConnection } from 'nats';
import { connectAccount, createTeam } from './support/flows';
import { SERVICES, System } from './support/system';
import { sql } from './support/vault';

const CONFIG_DIR = join(repoRoot(), 'deploy/nats');
const USERS = ['token-vault', 'oauth', 'gateway', 'refresh-scheduler', 'notifier', 'ops'] as const;
type User = (typeof USERS)[number];
const password = (user: User) => `dev-${user}`;

/** What each stand-in responder answers (the real services' own subjects). */
const RESPONDERS: Partial<Record<User, string>> = {
  'token-vault': 'vault.>',
  oauth: 'oauth.>',
  gateway: 'gateway.>',
  notifier: 'notifier.>',
  'refresh-scheduler': 'refresh-scheduler.>',
};

/**
 * The shipped NATS configuration (deploy/nats/dev.conf + permissions.conf) on a nats-server of the
 * test's own: per-service users, and for every rule one request that is allowed and one that is
 * refused. Then the whole system runs on it, each service as its own user.
 */
describe('NATS subject permissions (deploy/nats)', () => {
  let nats: OwnNats;
  const connections = new Map<User, NatsConnection>();

  const as = async (user: User): Promise<NatsConnection> => {
    const existing = connections.get(user);
    if (existing) return existing;
    const nc = await connect({
      servers: nats.url,
      user,
      pass: password(user),
      inboxPrefix: `_INBOX.${user}`,
      name: `perm-test-${user}`,
    });
    connections.set(user, nc);
    return nc;
  };

  /** `answered` when the stand-in replied, else the error code (PERMISSIONS_VIOLATION…). */
  const request = async (user: User, subject: string): Promise<string> => {
    try {
      const reply = await (await as(user)).request(subject, new Uint8Array(), { timeout: 2000 });
      return new TextDecoder().decode(reply.data) === `ok ${subject}` ? 'answered' : 'wrong answer';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  };

  /** `refused` when the server rejects the subscription, `allowed` when it stays open. */
  const subscribe = async (user: User, subject: string): Promise<'refused' | 'allowed'> => {
    const nc = await connect({
      servers: nats.url,
      user,
      pass: password(user),
      inboxPrefix: `_INBOX.${user}`,
    });
    try {
      const sub = nc.subscribe(subject);
      const refused = (async () => {
        try {
          for await (const _ of sub) {
            // any message means the subscription works
          }
          return false;
        } catch (error) {
          return (error as { code?: string }).code === 'PERMISSIONS_VIOLATION';
        }
      })();
      await nc.flush();
      const outcome = await Promise.race([
        refused,
        new Promise<false>((r) => setTimeout(() => r(false), 1000)),
      ]);
      return outcome ? 'refused' : 'allowed';
    } finally {
      await nc.close();
    }
  };

  beforeAll(async () => {
    nats = await startNatsServer({
      configFile: join(CONFIG_DIR, 'dev.conf'),
      probeAuth: {
        user: 'token-vault',
        pass: password('token-vault'),
        inboxPrefix: '_INBOX.token-vault',
      },
    });
    for (const [user, subject] of Object.entries(RESPONDERS) as [User, string][]) {
      const nc = await as(user);
      const sub = nc.subscribe(subject);
      void (async () => {
        for await (const m of sub) m.respond(new TextEncoder().encode(`ok ${m.subject}`));
      })();
      await nc.flush();
    }
  }, 60_000);

  afterAll(async () => {
    for (const nc of connections.values()) await nc.close();
    await nats?.close();
  });

  describe('who may call which vault subject', () => {
    it.each<[User, string, 'answered' | 'PERMISSIONS_VIOLATION']>([
      ['oauth', 'vault.credentials.put', 'answered'],
      ['oauth', 'vault.grants.get', 'answered'],
      ['oauth', 'vault.token.get', 'PERMISSIONS_VIOLATION'],
      ['oauth', 'vault.refresh', 'PERMISSIONS_VIOLATION'],
      ['gateway', 'vault.token.get', 'answered'],
      ['gateway', 'vault.refresh', 'answered'],
      ['gateway', 'vault.credentials.put', 'PERMISSIONS_VIOLATION'],
      ['gateway', 'vault.grants.get', 'PERMISSIONS_VIOLATION'],
      ['refresh-scheduler', 'vault.refresh', 'answered'],
      ['refresh-scheduler', 'vault.token.get', 'PERMISSIONS_VIOLATION'],
      ['refresh-scheduler', 'vault.revoke', 'PERMISSIONS_VIOLATION'],
      ['notifier', 'gateway.recipients.get', 'answered'],
      ['notifier', 'vault.token.get', 'PERMISSIONS_VIOLATION'],
      ['ops', 'vault.keys.rotate', 'answered'],
      ['ops', 'vault.audit.list', 'answered'],
      ['ops', 'vault.token.get', 'PERMISSIONS_VIOLATION'],
      ['gateway', 'vault.keys.rotate', 'PERMISSIONS_VIOLATION'],
      ['oauth', 'vault.audit.list', 'PERMISSIONS_VIOLATION'],
      ['token-vault', 'oauth.flow.start', 'PERMISSIONS_VIOLATION'],
    ])('should let %s request %s: %s', async (user, subject, expected) => {
      expect(await request(user, subject)).toBe(expected);
    });
  });

  describe('who may listen', () => {
    it('should let only the vault subscribe to vault.>', async () => {
      expect(await subscribe('token-vault', 'vault.token.get')).toBe('allowed');
      for (const user of USERS.filter((u) => u !== 'token-vault')) {
        expect([user, await subscribe(user, 'vault.>')]).toEqual([user, 'refused']);
        expect([user, await subscribe(user, 'vault.token.get')]).toEqual([user, 'refused']);
      }
    });

    it('should keep replies private: nobody reads another service’s inbox', async () => {
      expect(await subscribe('gateway', '_INBOX.gateway.>')).toBe('allowed');
      expect(await subscribe('refresh-scheduler', '_INBOX.gateway.>')).toBe('refused');
      expect(await subscribe('notifier', '_INBOX.>')).toBe('refused');
      expect(await subscribe('token-vault', '_INBOX.gateway.>')).toBe('refused');
    });

    it('should let a responder answer requests but not publish into an inbox unasked', async () => {
      const vault = await as('token-vault');
      const errors: string[] = [];
      const watch = (async () => {
        for await (const s of vault.status()) {
          if (s.type === Events.Error) errors.push(typeof s.data === 'string' ? s.data : 'error');
        }
      })();
      vault.publish('_INBOX.gateway.forged', new Uint8Array());
      await vault.flush();
      await waitFor(() => Promise.resolve(errors.length > 0 || undefined), {
        what: 'a refusal',
        timeoutMs: 3000,
      });
      expect(errors[0]).toContain('PERMISSIONS_VIOLATION');
      void watch;
      expect(await request('gateway', 'vault.token.get')).toBe('answered');
    });
  });

  describe('the event stream', () => {
    it('should let services use JetStream but not delete the stream', async () => {
      const jsm = await (await as('token-vault')).jetstreamManager();
      await jsm.streams.add({
        name: 'PERMTEST',
        subjects: ['events.>'],
        retention: RetentionPolicy.Limits,
      });
      const ack = await (
        await as('oauth')
      )
        .jetstream()
        .publish('events.account.connected.v1', new Uint8Array([1]));
      expect(ack.stream).toBe('PERMTEST');
      const gatewayJsm = await (await as('gateway')).jetstreamManager();
      expect((await gatewayJsm.streams.info('PERMTEST')).state.messages).toBe(1);
      await expect(gatewayJsm.streams.delete('PERMTEST')).rejects.toMatchObject({
        code: 'PERMISSIONS_VIOLATION',
      });
      await expect(gatewayJsm.streams.purge('PERMTEST')).rejects.toMatchObject({
        code: 'PERMISSIONS_VIOLATION',
      });
      await jsm.streams.update('PERMTEST', { subjects: ['events.>'] });
      await expect(jsm.streams.delete('PERMTEST')).rejects.toMatchObject({
        code: 'PERMISSIONS_VIOLATION',
      });
    });
  });

  describe('authentication', () => {
    it('should refuse a connection without a user or with a wrong password', async () => {
      await expect(connect({ servers: nats.url, reconnect: false })).rejects.toMatchObject({
        code: 'AUTHORIZATION_VIOLATION',
      });
      await expect(
        connect({ servers: nats.url, user: 'gateway', pass: 'dev-oauth', reconnect: false }),
      ).rejects.toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
    });

    it('should ship a deploy config that the server accepts, with the same users and permissions', () => {
      // NATS 2.9 (dev, CI) does not know `sync_interval` (2.10+); everything else must parse
      const dir = mkdtempSync(join(tmpdir(), 'sb-nats-conf-'));
      const deploy = readFileSync(join(CONFIG_DIR, 'deploy.conf'), 'utf8');
      writeFileSync(join(dir, 'deploy.conf'), deploy.replace(/^\s*sync_interval:.*$/m, ''));
      copyFileSync(join(CONFIG_DIR, 'permissions.conf'), join(dir, 'permissions.conf'));
      const env: Record<string, string> = { PATH: process.env.PATH ?? '', POD_NAME: 'nats-0' };
      for (const s of ['TOKEN_VAULT', 'OAUTH', 'GATEWAY', 'SCHEDULER', 'NOTIFIER', 'OPS']) {
        env[`${s}_NATS_PASSWORD`] = `secret-${s}`;
      }
      const check = spawnSync('nats-server', ['-c', join(dir, 'deploy.conf'), '-t'], {
        env,
        encoding: 'utf8',
      });
      expect(`${check.stdout}${check.stderr}`).toContain('is valid');
      const users = (conf: string) =>
        [...conf.matchAll(/user: "([^"]+)", password: [^,]+, permissions: (\$[A-Z_]+)/g)].map(
          (m) => `${m[1]} ${m[2]}`,
        );
      const dev = readFileSync(join(CONFIG_DIR, 'dev.conf'), 'utf8');
      expect(users(deploy)).toEqual(users(dev));
      expect(users(dev)).toHaveLength(USERS.length);
    });
  });

  describe('the whole system, each service as its own user', () => {
    it('should connect, read a token, refresh and disconnect with nothing refused', async () => {
      // a server of its own: the stream test above left a stream on `events.>` nobody may delete
      const own = await startNatsServer({
        configFile: join(CONFIG_DIR, 'dev.conf'),
        probeAuth: {
          user: 'token-vault',
          pass: password('token-vault'),
          inboxPrefix: '_INBOX.token-vault',
        },
      });
      const sys = new System({
        natsUrl: own.url,
        env: { NATS_NAMESPACE: '' },
        serviceEnv: Object.fromEntries(
          SERVICES.map((s) => [s, { NATS_USER: s, NATS_PASSWORD: password(s) }]),
        ),
      });
      try {
        await sys.start();
        await sys.sandbox.ttl('TWITTER', 8);
        const team = await createTeam(sys.api);
        const { landedOn } = await connectAccount(sys.api, team, { type: 'TWITTER', user: 'perm' });
        expect(landedOn.searchParams.get('twitter-callback')).toBe('success');
        const list = async () =>
          (
            await sys.api.get<{
              items: { id: string; status: string; lastRefreshedAt: string | null }[];
            }>(`/api/v1/social-account?teamId=${team.teamId}`)
          ).body.items;
        const [account] = await list();
        const token = await sys.api.get<{ accessToken: string }>(
          `/api/v1/social-account/${account.id}/token`,
        );
        expect(token.status).toBe(200);
        await waitFor(async () => (await list())[0]?.lastRefreshedAt ?? undefined, {
          what: 'a scheduled refresh',
          timeoutMs: 30_000,
        });
        const disconnected = await sys.api.request(
          'DELETE',
          `/api/v1/social-account/${account.id}`,
        );
        expect(disconnected.status).toBeLessThan(300);
        const [credential] = await sql<{ status: string; ciphertext: Buffer | null }>(
          sys.databaseUrl,
          `SELECT status, ciphertext FROM token_vault.credential WHERE connection_id = $1`,
          [account.id],
        );
        expect(credential).toEqual({ status: 'revoked', ciphertext: null });
        const violations = sys
          .allLines()
          .filter((l) => /Permissions Violation|PERMISSIONS_VIOLATION|Authorization/i.test(l));
        expect(violations).toEqual([]);
        expect(sys.exited()).toEqual([]);
      } finally {
        await sys.stop();
        await own.close();
      }
    }, 180_000);
  });
});

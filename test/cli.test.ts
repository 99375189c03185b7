import {
  findSecrets,
  testNatsUrl,
  testPostgres,
  waitFor,
  type TestDatabase,
} from '@switchboard/testing';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { promisify } from 'node:util';
import { runCli } from '../tools/cli/src/main';
import { connectAccount, createTeam, type TeamFixture } from './support/flows';
import { accountConnectedEvent, eventsSubject, publishRaw } from './support/publish';
import { SecretCollector } from './support/secrets';
import { System } from './support/system';

interface Result {
  code: number;
  out: string;
  err: string;
}

/**
 * The `switchboard` operator CLI against the running system: every command, in human and JSON
 * output, its credentials from the environment only, and its refusals (bad ids, missing
 * configuration) with documented codes and exit statuses.
 */
describe('switchboard CLI', () => {
  // two manual refreshes in a row: the second must reach the platform, not join the first
  const system = new System({ env: { VAULT_REFRESH_COALESCE_SECONDS: '0' } });
  let team: TeamFixture;
  let natsUrl: string;
  let env: Record<string, string>;
  let accountId: string;
  let secrets: SecretCollector;
  const printed: string[] = [];

  async function cli(args: string[], extraEnv: Record<string, string> = {}): Promise<Result> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      args,
      { out: (t) => out.push(t), err: (t) => err.push(t) },
      { ...env, ...extraEnv },
    );
    printed.push(...out, ...err);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  async function json<T>(args: string[]): Promise<T> {
    const res = await cli([...args, '--json']);
    if (res.code !== 0) throw new Error(`${args.join(' ')} exited ${res.code}: ${res.err}`);
    return JSON.parse(res.out) as T;
  }

  beforeAll(async () => {
    natsUrl = await testNatsUrl();
    await system.start();
    secrets = new SecretCollector(system.databaseUrl, system.keyringFile);
    secrets.add(system.adminKey);
    env = {
      SWITCHBOARD_URL: system.gatewayUrl,
      SWITCHBOARD_API_KEY: system.adminKey,
      NATS_URL: natsUrl,
      NATS_NAMESPACE: system.namespace,
    };
    team = await createTeam(system.api, 'CLI team');
    await connectAccount(system.api, team, { type: 'TWITTER', user: 'cli-alice' });
    const listed = await system.api.get<{ items: { id: string }[] }>(
      `/api/v1/social-account?teamId=${team.teamId}`,
    );
    accountId = listed.body.items[0].id;
  }, 180_000);

  afterAll(() => system.stop());

  it('should list, show and explain an account (accounts list/show)', async () => {
    const list = await json<{ items: { id: string; status: string }[] }>([
      'accounts',
      'list',
      '--team',
      team.teamId,
    ]);
    expect(list.items).toEqual([expect.objectContaining({ id: accountId, status: 'ACTIVE' })]);
    const human = await cli(['accounts', 'list', '--team', team.teamId]);
    expect(human.code).toBe(0);
    expect(human.out.split('\n')[0]).toMatch(/^id\s+type\s+displayName\s+status/);
    expect(human.out).toContain(accountId);

    const shown = await json<{ id: string; type: string; teamId: string }>([
      'accounts',
      'show',
      accountId,
    ]);
    expect(shown).toMatchObject({ id: accountId, type: 'TWITTER', teamId: team.teamId });
    expect((await cli(['accounts', 'show', accountId])).out).toMatch(/^status:\s+ACTIVE$/m);
  });

  it('should refresh on demand, and show the platform error and trace id on the timeline (refresh now, accounts timeline)', async () => {
    const ok = await json<{ outcome: string }>(['refresh', 'now', accountId]);
    expect(ok.outcome).toBe('refreshed');

    await system.sandbox.fail('TWITTER', 'invalid_grant', 1);
    const failed = await json<{ outcome: string }>([
      'refresh',
      'now',
      accountId,
      '--team',
      team.teamId,
    ]);
    expect(failed.outcome).toBe('reauth_required');

    type Entry = { kind: string; providerError: string | null; traceId: string | null };
    const timeline = await waitFor(
      async () => {
        const page = await json<{ items: Entry[] }>(['accounts', 'timeline', accountId]);
        return page.items.some((e) => e.providerError === 'invalid_grant') ? page : undefined;
      },
      { timeoutMs: 20_000, what: 'the rejected refresh on the timeline' },
    );
    const rejected = timeline.items.find((e) => e.providerError === 'invalid_grant')!;
    expect(rejected.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(timeline.items[0]?.kind).toBe('connected');
    const human = await cli(['accounts', 'timeline', accountId]);
    expect(human.code).toBe(0);
    expect(human.out).toContain('invalid_grant');
    expect(human.out).toContain(rejected.traceId!);
    expect((await json<{ status: string }>(['accounts', 'show', accountId])).status).toBe(
      'EXPIRED',
    );
  });

  it('should show key status, rotate to a key added to the keyring file and retire the old one (keys status/rotate/retire)', async () => {
    const before = await json<{ activeKeyId: string; keys: { id: string; state: string }[] }>([
      'keys',
      'status',
    ]);
    expect(before.activeKeyId).toBe('e2e-1');
    expect(before.keys).toEqual([expect.objectContaining({ id: 'e2e-1', state: 'active' })]);

    const ring = JSON.parse(readFileSync(system.keyringFile, 'utf8')) as {
      keys: Record<string, string>;
    };
    ring.keys['e2e-2'] = randomBytes(32).toString('base64');
    writeFileSync(system.keyringFile, JSON.stringify({ activeKeyId: 'e2e-2', keys: ring.keys }));
    const rotated = await json<{ activeKeyId: string; previousKeyId: string | null }>([
      'keys',
      'rotate',
    ]);
    expect(rotated).toMatchObject({ activeKeyId: 'e2e-2', previousKeyId: 'e2e-1' });
    const after = await waitFor(
      async () => {
        const s = await json<{ rewrapRemaining: number; keys: { id: string; state: string }[] }>([
          'keys',
          'status',
        ]);
        return s.rewrapRemaining === 0 ? s : undefined;
      },
      { timeoutMs: 20_000, what: 'the re-wrap to finish' },
    );
    expect(after.keys).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'e2e-2', state: 'active' }),
        expect.objectContaining({ id: 'e2e-1', state: 'decrypt_only' }),
      ]),
    );
    expect((await cli(['keys', 'status'])).out).toMatch(/^active: e2e-2/);

    const active = await cli(['keys', 'retire', 'e2e-2', '--json']);
    expect(active.code).toBe(1);
    expect(JSON.parse(active.err)).toMatchObject({ error: { code: 'key-active' } });
    // refused with key-in-use until every replica can have seen the rotation (a few seconds)
    const retired = await waitFor(
      async () => {
        const res = await cli(['keys', 'retire', 'e2e-1', '--json']);
        if (res.code === 0) return JSON.parse(res.out) as { keyId: string; retiredAt: string };
        expect(JSON.parse(res.err)).toMatchObject({ error: { code: 'key-in-use' } });
        return undefined;
      },
      { timeoutMs: 20_000, what: 'the former key to be retirable' },
    );
    expect(retired.keyId).toBe('e2e-1');
    const final = await json<{ keys: { id: string; state: string }[] }>(['keys', 'status']);
    expect(final.keys).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'e2e-1', state: 'retired' })]),
    );
  });

  it('should list and replay dead letters of a service (dead-letters list/replay)', async () => {
    const subject = eventsSubject(system.namespace, 'account.connected.v1');
    await publishRaw(natsUrl, subject, '{not json');
    type Page = { items: { id: string; reason: string; replayedAt: string | null }[] };
    const page = await waitFor(
      async () => {
        const p = await json<Page>(['dead-letters', 'list', '--service', 'gateway']);
        return p.items.length > 0 ? p : undefined;
      },
      { timeoutMs: 20_000, what: 'a dead letter at the gateway' },
    );
    expect(page.items).toEqual([expect.objectContaining({ reason: 'bad-json', replayedAt: null })]);
    const id = page.items[0].id;
    expect((await cli(['dlq', 'list', '--service', 'gateway'])).out).toContain(id);

    expect(await json(['dead-letters', 'replay', '--service', 'gateway', id])).toEqual({
      id,
      replayed: true,
    });
    const all = await json<Page>(['dead-letters', 'list', '--service', 'gateway', '--all']);
    expect(all.items.find((i) => i.id === id)?.replayedAt).toEqual(expect.any(String));
  });

  it('should show outbox backlog, consumer lag and dead letters per service (lag)', async () => {
    // an event the gateway consumes, so its consumer has something to report
    const good = accountConnectedEvent(team.teamId, 'Lag probe');
    await publishRaw(natsUrl, eventsSubject(system.namespace, good.subjectSuffix), good.json);
    type Lag = {
      items: {
        service: string;
        status?: {
          outbox: { pending: number };
          consumer: { durable: string; pending: number } | null;
          deadLetters: { unreplayed: number };
        };
      }[];
    };
    const lag = await json<Lag>(['lag']);
    expect(lag.items.map((i) => i.service)).toEqual([
      'gateway',
      'oauth',
      'token-vault',
      'refresh-scheduler',
      'notifier',
    ]);
    for (const item of lag.items) expect(item.status?.outbox.pending).toBeGreaterThanOrEqual(0);
    const byService = Object.fromEntries(lag.items.map((i) => [i.service, i.status]));
    expect(byService.gateway?.consumer?.durable).toBe('gateway');
    expect(byService.oauth?.consumer).toBeNull();
    const human = await cli(['lag', '--service', 'notifier']);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/^service\s+outboxPending\s+oldestPendingSeconds\s+consumerPending/);
    expect(human.out).toMatch(/^notifier\s+\d+/m);
  });

  describe('migrate', () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await (await testPostgres()).createDatabase('cli');
    });
    afterAll(() => database.drop());

    it("should create every service's schema on an empty database, and be a no-op the second time", async () => {
      const first = await cli(['migrate', '--json'], { DATABASE_URL: database.url });
      expect(first.code).toBe(0);
      expect(JSON.parse(first.out)).toEqual({
        migrated: [
          { service: 'gateway', schema: 'gateway' },
          { service: 'oauth', schema: 'oauth' },
          { service: 'token-vault', schema: 'token_vault' },
          { service: 'refresh-scheduler', schema: 'refresh_scheduler' },
          { service: 'notifier', schema: 'notifier' },
        ],
      });
      const counts = await migrationCounts(database.url);
      expect(Object.keys(counts).sort()).toEqual([
        'gateway',
        'notifier',
        'oauth',
        'refresh_scheduler',
        'token_vault',
      ]);
      for (const n of Object.values(counts)) expect(n).toBeGreaterThanOrEqual(1);
      const again = await cli(['migrate', '--service', 'gateway'], { DATABASE_URL: database.url });
      expect(again.code).toBe(0);
      expect(await migrationCounts(database.url)).toEqual(counts);
    });
  });

  describe('refusals', () => {
    it('should refuse an id that is not a UUID before calling anything (exit 2)', async () => {
      const res = await cli(['accounts', 'show', "1' OR 1=1", '--json']);
      expect(res.code).toBe(2);
      expect(JSON.parse(res.err)).toEqual({
        error: { code: 'validation-failed', message: 'accountId must be a UUID' },
      });
    });

    it('should name the missing variable, never a value (exit 78)', async () => {
      const res = await cli(['keys', 'status'], { NATS_URL: '' });
      expect(res.code).toBe(78);
      expect(res.err).toBe(
        'error: config-missing: NATS_URL is not set (operator commands use NATS RPC)',
      );
      const bad = await cli(['accounts', 'list', '--team', team.teamId], {
        SWITCHBOARD_URL: `not a url ${system.adminKey}`,
      });
      expect(bad.code).toBe(78);
      expect(bad.err).toContain('SWITCHBOARD_URL');
      expect(bad.err).not.toContain(system.adminKey);
    });

    it('should refuse an unknown service and an unknown team key', async () => {
      const unknown = await cli(['dead-letters', 'list', '--service', 'billing']);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain('validation-failed');
      const wrongKey = await cli(['accounts', 'show', accountId], {
        SWITCHBOARD_API_KEY: 'sbk_not_a_real_key_000000000000',
      });
      expect(wrongKey.code).toBe(1);
      expect(wrongKey.err).toMatch(/^error: unauthorized: /);
    });
  });

  it('should run as the npm bin, with credentials from the environment only', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(__dirname, '..', 'tools', 'cli', 'bin', 'switchboard.js'), 'keys', 'status', '--json'],
      { env: { ...process.env, ...env }, timeout: 60_000 },
    );
    expect(JSON.parse(stdout)).toMatchObject({ activeKeyId: 'e2e-2' });
  }, 90_000);

  it('should never print a token or secret', async () => {
    await secrets.vaultTokens();
    expect(secrets.size).toBeGreaterThan(1);
    expect(findSecrets(printed, secrets.list())).toEqual([]);
  });
});

async function migrationCounts(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    const schemas = await client.query<{ table_schema: string }>(
      `SELECT table_schema FROM information_schema.tables WHERE table_name = 'migrations'`,
    );
    for (const { table_schema: schema } of schemas.rows) {
      const res = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${schema}".migrations`,
      );
      counts[schema] = Number(res.rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

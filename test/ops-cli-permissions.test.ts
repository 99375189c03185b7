import { repoRoot, startNatsServer, type OwnNats } from '@switchboard/testing';
import { join } from 'node:path';
import { runCli } from '../tools/cli/src/main';
import { connectAccount, createTeam } from './support/flows';
import { SERVICES, System } from './support/system';

const CONFIG = join(repoRoot(), 'deploy', 'nats', 'dev.conf');
/** deploy/nats/dev.conf's passwords: `dev-<user>`. */
const password = (user: string): string => `dev-${user}`;

/**
 * The CLI as it runs in a deployment: NATS with the shipped per-service users and permissions,
 * every service as its own user, and the CLI as the `ops` user — whose permissions let it do
 * exactly the operator commands, and nothing it is not given.
 */
describe('switchboard CLI as the ops NATS user (deploy/nats permissions)', () => {
  let nats: OwnNats;
  let system: System;
  let env: Record<string, string>;

  async function cli(args: string[], extra: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [...args, '--json'],
      { out: (t) => out.push(t), err: (t) => err.push(t) },
      { ...env, ...extra },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  beforeAll(async () => {
    nats = await startNatsServer({
      configFile: CONFIG,
      // the readiness probe uses JetStream, which the ops user may not
      probeAuth: {
        user: 'token-vault',
        pass: password('token-vault'),
        inboxPrefix: '_INBOX.token-vault',
      },
    });
    system = new System({
      natsUrl: nats.url,
      env: { NATS_NAMESPACE: '' },
      serviceEnv: Object.fromEntries(
        SERVICES.map((s) => [s, { NATS_USER: s, NATS_PASSWORD: password(s) }]),
      ),
    });
    await system.start();
    env = {
      SWITCHBOARD_URL: system.gatewayUrl,
      SWITCHBOARD_API_KEY: system.adminKey,
      NATS_URL: nats.url,
      NATS_USER: 'ops',
      NATS_PASSWORD: password('ops'),
    };
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await nats?.close();
  });

  it('should read every service’s bus status, the keys and the dead letters as ops', async () => {
    const lag = await cli(['lag']);
    expect(lag.code).toBe(0);
    const items = (JSON.parse(lag.out) as { items: { service: string; error?: string }[] }).items;
    expect(items.map((i) => i.service)).toEqual([...SERVICES].sort(byCliOrder));
    expect(items.filter((i) => i.error)).toEqual([]);

    const keys = await cli(['keys', 'status']);
    expect(keys.code).toBe(0);
    expect(JSON.parse(keys.out)).toMatchObject({ activeKeyId: 'e2e-1' });

    const dead = await cli(['dead-letters', 'list', '--service', 'notifier']);
    expect(dead.code).toBe(0);
    expect(JSON.parse(dead.out)).toEqual({ items: [], nextCursor: null });
  });

  it('should refresh a connection now as ops', async () => {
    const team = await createTeam(system.api, 'Ops CLI team');
    await connectAccount(system.api, team, { type: 'TWITTER', user: 'ops-cli' });
    const listed = await system.api.get<{ items: { id: string }[] }>(
      `/api/v1/social-account?teamId=${team.teamId}`,
    );
    const res = await cli(['refresh', 'now', listed.body.items[0].id]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out)).toMatchObject({ outcome: 'refreshed' });
  });

  it('should be refused operator subjects as a service user, and refused entirely with a wrong password', async () => {
    const asGateway = await cli(['keys', 'status'], {
      NATS_USER: 'gateway',
      NATS_PASSWORD: password('gateway'),
    });
    expect(asGateway.code).toBe(1);
    expect(JSON.parse(asGateway.err)).toMatchObject({ error: { code: 'forbidden' } });

    const wrong = await cli(['keys', 'status'], { NATS_PASSWORD: 'not-the-password' });
    expect(wrong.code).toBe(78);
    expect(JSON.parse(wrong.err)).toEqual({
      error: { code: 'unauthorized', message: 'NATS refused the credentials' },
    });
  });
});

const ORDER = ['gateway', 'oauth', 'token-vault', 'refresh-scheduler', 'notifier'];
function byCliOrder(a: string, b: string): number {
  return ORDER.indexOf(a) - ORDER.indexOf(b);
}

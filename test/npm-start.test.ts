import {
  freePort,
  spawnProcess,
  testNatsUrl,
  testPostgres,
  uniqueNamespace,
  waitFor,
  type TestDatabase,
} from '@switchboard/testing';
import { randomBytes } from 'node:crypto';

/** `npm start` brings up the sandbox and the five real services; Ctrl-C leaves nothing behind. */
describe('npm start', () => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('should start everything, seed a demo team, answer ready everywhere, and stop cleanly', async () => {
    database = await (await testPostgres()).createDatabase('npmstart');
    const names = [
      'GATEWAY_PORT',
      'OAUTH_PORT',
      'VAULT_PORT',
      'SCHEDULER_PORT',
      'NOTIFIER_PORT',
      'SANDBOX_PORT',
      'SANDBOX_SMTP_PORT',
    ];
    const ports: Record<string, string> = {};
    for (const name of names) ports[name] = String(await freePort());
    const apiKey = `sbk_test_${randomBytes(16).toString('hex')}`;
    const runner = await spawnProcess({
      name: 'npm-start',
      entry: 'tools/dev/src/main.ts',
      env: {
        ...ports,
        DATABASE_URL: database.url,
        NATS_URL: await testNatsUrl(),
        NATS_NAMESPACE: uniqueNamespace('dev'),
        SWITCHBOARD_DEV_API_KEY: apiKey,
      },
    });
    try {
      await runner.waitForLine(/Switchboard is running/, 120_000);
      const teamLine = await runner.waitForLine(/Demo team\s+[0-9a-f-]{36}/, 5_000);
      const teamId = /([0-9a-f-]{36})/.exec(teamLine)![1];
      for (const name of names.filter((n) => n !== 'SANDBOX_PORT' && n !== 'SANDBOX_SMTP_PORT')) {
        const res = await fetch(`http://127.0.0.1:${ports[name]}/health/ready`);
        expect({ name, status: res.status }).toEqual({ name, status: 200 });
      }
      expect((await fetch(`http://127.0.0.1:${ports.SANDBOX_PORT}/_sandbox/stats`)).status).toBe(
        200,
      );
      const team = await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/api/v1/team/${teamId}`, {
        headers: { 'x-api-key': apiKey },
      });
      expect(team.status).toBe(200);
    } finally {
      await runner.stop(30_000);
    }
    const exit = await runner.exited;
    expect(exit.code).toBe(0);
    for (const name of names) {
      await waitFor(
        async () => {
          try {
            await fetch(`http://127.0.0.1:${ports[name]}/`);
            return undefined;
          } catch {
            return true;
          }
        },
        { timeoutMs: 10_000, what: `${name} to be closed` },
      ).catch(() => {
        throw new Error(
          `something still listens on ${name}=${ports[name]} after the runner stopped`,
        );
      });
    }
  });
});

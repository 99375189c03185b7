/**
 * `npm start` end to end, with stand-ins for the sandbox and the five services (the real ones
 * are written elsewhere): the runner is started from a scratch copy of the repo whose entry
 * points are test/fixtures/fake-service.ts.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findSecrets,
  freePort,
  killAll,
  minimalEnv,
  repoRoot,
  spawnManaged,
  testNatsUrl,
  testPostgres,
  type SupervisedProcess,
  isProcessAlive,
  type TestDatabase,
  waitFor,
} from '@switchboard/testing';

const SERVICES = ['token-vault', 'oauth', 'refresh-scheduler', 'notifier', 'gateway'];

async function scratchRepo(): Promise<string> {
  const real = repoRoot();
  const root = await mkdtemp(join(tmpdir(), 'sb-dev-e2e-'));
  await writeFile(
    join(root, 'package.json'),
    JSON.stringify({
      name: 'scratch',
      private: true,
      workspaces: ['libs/*', 'services/*', 'tools/*'],
    }),
  );
  await cp(join(real, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  await cp(join(real, 'tools', 'register.js'), join(root, 'tools', 'register.js'));
  await cp(join(real, 'libs', 'testing', 'src'), join(root, 'libs', 'testing', 'src'), {
    recursive: true,
  });
  await cp(join(real, 'tools', 'dev', 'src'), join(root, 'tools', 'dev', 'src'), {
    recursive: true,
  });
  await symlink(join(real, 'node_modules'), join(root, 'node_modules'));
  const fake = join(__dirname, 'fixtures', 'fake-service.ts');
  for (const dir of ['tools/provider-sandbox', ...SERVICES.map((s) => `services/${s}`)]) {
    await mkdir(join(root, dir, 'src'), { recursive: true });
    await cp(fake, join(root, dir, 'src', 'main.ts'));
  }
  return root;
}

const alive = isProcessAlive;

function childPids(lines: string[]): number[] {
  return lines.flatMap((line) => {
    const match = / pid=(\d+)$/.exec(line);
    return match?.[1] ? [Number(match[1])] : [];
  });
}

describe('npm start (dev runner)', () => {
  let root: string;
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  const providerSecret = 'tw-secret-DO-NOT-LOG-0123456789';

  beforeAll(async () => {
    root = await scratchRepo();
    database = await (await testPostgres()).createDatabase('dev_e2e');
    env = {
      ...minimalEnv(),
      DATABASE_URL: database.url,
      NATS_URL: await testNatsUrl(),
      GATEWAY_PORT: String(await freePort()),
      OAUTH_PORT: String(await freePort()),
      VAULT_PORT: String(await freePort()),
      SCHEDULER_PORT: String(await freePort()),
      NOTIFIER_PORT: String(await freePort()),
      SANDBOX_PORT: String(await freePort()),
      SANDBOX_SMTP_PORT: String(await freePort()),
      TWITTER_CLIENT_ID: 'tw-id',
      TWITTER_CLIENT_SECRET: providerSecret,
    };
  });

  afterAll(async () => {
    await killAll();
    await database?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  function startRunner(extraEnv: NodeJS.ProcessEnv = {}): Promise<SupervisedProcess> {
    return spawnManaged({
      name: 'dev-runner',
      command: process.execPath,
      args: [
        '-r',
        join(root, 'tools', 'register.js'),
        join(root, 'tools', 'dev', 'src', 'main.ts'),
      ],
      env: { ...env, ...extraEnv },
      cwd: root,
    });
  }

  it('starts everything, seeds the demo team, prints the banner, and stops all on a crash', async () => {
    const runner = await startRunner();
    await runner.waitForLine(/Switchboard is running \(dev mode\)/, 90_000);
    await runner.waitForLine(/Ctrl-C stops everything/, 5_000);
    const text = runner.lines.join('\n');

    // every child's output, prefixed with its name (no colour: not a TTY)
    for (const name of ['sandbox', ...SERVICES]) {
      expect(text).toMatch(new RegExp(`^${name} +\\| ${name} listening on \\d+ pid=\\d+$`, 'm'));
    }
    const pids = childPids(runner.lines);
    expect(pids).toHaveLength(6);
    expect(pids.every(alive)).toBe(true);

    // generated once, kept in .dev
    const dev = join(root, '.dev');
    expect((await stat(join(dev, 'keyring.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dev, 'secrets.json'))).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(await readFile(join(dev, 'secrets.json'), 'utf8')) as {
      portalSigningSecret: string;
      adminApiKey: string;
    };
    const state = JSON.parse(await readFile(join(dev, 'state.json'), 'utf8')) as {
      demoTeamId: string;
    };
    expect(text).toContain(`Demo team      ${state.demoTeamId}\n`);
    expect(text).toContain(`Admin API key  ${secrets.adminApiKey}  (generated)`);
    expect(text).toContain(`"teamId":"${state.demoTeamId}","type":"TWITTER"`);
    expect(text).toMatch(/gateway +\| added member .*"email":"owner@demo\.test"/);

    // no secret but the admin key (printed on purpose) shows up in the output
    expect(findSecrets(runner.lines, [secrets.portalSigningSecret, providerSecret])).toEqual([]);

    await writeFile(join(root, 'crash-oauth'), '');
    const exit = await runner.exited;
    await rm(join(root, 'crash-oauth'));
    expect(exit.code).toBe(1);
    expect(runner.lines.join('\n')).toMatch(
      /oauth exited unexpectedly \(code 3\)\. Its last lines:\n.*\n[\s\S]*oauth: crashing on purpose/,
    );
    expect(pids.filter(alive)).toEqual([]);
  });

  it('reuses the demo team on the next start and stops everything on SIGTERM', async () => {
    const before = JSON.parse(await readFile(join(root, '.dev', 'state.json'), 'utf8')) as {
      demoTeamId: string;
    };
    const runner = await startRunner();
    await runner.waitForLine(/Ctrl-C stops everything/, 90_000);
    expect(runner.lines).toEqual(
      expect.arrayContaining([expect.stringMatching(/reusing the demo team/)]),
    );
    expect(runner.lines.join('\n')).toContain(`Demo team      ${before.demoTeamId}\n`);
    const pids = childPids(runner.lines);
    expect(pids).toHaveLength(6);

    await runner.stop(30_000);
    expect(await runner.exited).toEqual({ code: 0, signal: null });
    expect(pids.filter(alive)).toEqual([]);
    expect(runner.lines.join('\n')).toMatch(/gateway +\| gateway shutting down/);
  });

  it('leaves no child behind when the runner itself is SIGKILLed', async () => {
    const runner = await startRunner();
    await runner.waitForLine(/Ctrl-C stops everything/, 90_000);
    const pids = childPids(runner.lines);
    expect(pids).toHaveLength(6);
    await runner.kill();
    await waitFor(() => pids.every((pid) => !alive(pid)), {
      what: 'every child to exit after the runner was SIGKILLed',
      timeoutMs: 15_000,
    });
  });

  it('refuses a bad port, naming the variable', async () => {
    const runner = await startRunner({ GATEWAY_PORT: '70000' });
    expect((await runner.exited).code).toBe(1);
    expect(runner.lines.join('\n')).toContain(
      'GATEWAY_PORT must be an integer from 1 to 65535 (got "70000")',
    );
  });

  it('says which entry points are missing', async () => {
    await rm(join(root, 'services', 'notifier', 'src', 'main.ts'));
    try {
      const runner = await startRunner();
      expect((await runner.exited).code).toBe(1);
      expect(runner.lines.join('\n')).toContain(
        'These entry points do not exist (yet): services/notifier/src/main.ts',
      );
    } finally {
      await cp(
        join(__dirname, 'fixtures', 'fake-service.ts'),
        join(root, 'services', 'notifier', 'src', 'main.ts'),
      );
    }
    expect(existsSync(join(root, 'services', 'notifier', 'src', 'main.ts'))).toBe(true);
  });
});

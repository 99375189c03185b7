import { mkdir } from 'node:fs/promises';
import { describeError, killAll, redactUrl, repoRoot } from '@switchboard/testing';
import { renderBanner } from './banner';
import { createChildren } from './children';
import { DevError } from './dev-error';
import { parseDevEnv, type DevConfig } from './env';
import { Lifecycle } from './lifecycle';
import { resolveDevNats } from './nats';
import { createOutput, wantsColour, type Output } from './output';
import { devPaths } from './paths';
import { resolveDevPostgres } from './postgres';
import { checkEntries, checkPorts } from './preflight';
import { loadOrCreateDevSecrets } from './secrets';
import { publicUrl, sandboxSpec, sandboxUrl, serviceSpecs } from './services';
import { seedDemoTeam } from './seed';
import { readDevState, writeDevState } from './state';

const CHILD_NAMES = ['sandbox', 'token-vault', 'oauth', 'refresh-scheduler', 'notifier', 'gateway'];

function main(): void {
  const output = createOutput({
    stream: process.stdout,
    colour: wantsColour(process.stdout, process.env),
    names: CHILD_NAMES,
  });
  const parsed = parseDevEnv(process.env);
  if (!parsed.ok) {
    output.say(`Invalid environment:\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}`);
    process.exit(1);
  }

  const lifecycle = new Lifecycle((message) => output.say(message));
  let exiting = false;
  const finish = (code: number): void => {
    if (exiting) return;
    exiting = true;
    output.say('stopping everything…');
    void lifecycle.shutdown().then(() => {
      output.say('stopped.');
      process.exit(code);
    });
  };
  const fail = (message: string): void => {
    if (exiting) return;
    output.say(`✖ ${message}`);
    finish(1);
  };

  let signals = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      signals += 1;
      if (signals === 1) {
        output.say(`${signal} received (again to kill at once)`);
        finish(0);
      } else {
        output.say('killing everything now');
        void killAll().finally(() => process.exit(1));
      }
    });
  }
  process.on('uncaughtException', (error) =>
    fail(`internal error: ${error.stack ?? describeError(error)}`),
  );
  process.on('unhandledRejection', (error) => fail(`internal error: ${describeError(error)}`));

  run(parsed.config, output, lifecycle, fail).catch((error: unknown) => {
    if (error instanceof DevError) fail(error.message);
    else
      fail(
        `internal error: ${error instanceof Error ? (error.stack ?? error.message) : describeError(error)}`,
      );
  });
}

async function run(
  config: DevConfig,
  output: Output,
  lifecycle: Lifecycle,
  fail: (message: string) => void,
): Promise<void> {
  const root = repoRoot();
  const paths = devPaths(root);
  const log = (message: string): void => output.say(message);
  checkEntries(root, [sandboxSpec(config), ...serviceSpecs(placeholderInputs(config))]);
  await checkPorts(config.ports);
  // 0711: others may pass through (PostgreSQL runs as the "postgres" OS user when we are root)
  // but not list it; the secret files inside are 0600.
  await mkdir(paths.devDir, { recursive: true, mode: 0o711 });

  const secrets = await loadOrCreateDevSecrets({
    keyringFile: paths.keyringFile,
    secretsFile: paths.secretsFile,
    adminApiKeyOverride: config.devApiKey,
  });

  const postgres = await resolveDevPostgres({
    databaseUrl: config.databaseUrl,
    embedded: { dataDir: paths.postgresDir, password: secrets.postgresPassword },
    log,
  });
  lifecycle.add({ name: 'PostgreSQL', stop: () => postgres.stop() });
  log(`PostgreSQL: ${redactUrl(postgres.url)} (${postgres.origin})`);

  const nats = await resolveDevNats({ natsUrl: config.natsUrl, storeDir: paths.natsDir, log });
  lifecycle.add({ name: 'NATS', stop: () => nats.stop() });
  log(`NATS: ${nats.url} (${nats.origin})`);
  if (lifecycle.isClosing) return;

  const children = createChildren({ output, lifecycle, onUnexpectedExit: fail });
  log('starting the provider sandbox…');
  await children.start([sandboxSpec(config)]);
  if (lifecycle.isClosing) return;
  log('starting the services…');
  await children.start(
    serviceSpecs({
      config,
      databaseUrl: postgres.url,
      natsUrl: nats.url,
      keyringFile: secrets.keyringFile,
      portalSigningSecret: secrets.portalSigningSecret,
      adminApiKey: secrets.adminApiKey,
    }),
  );
  if (lifecycle.isClosing) return;

  const state = await readDevState(paths.stateFile);
  let demoTeam: { id: string } | { error: string };
  try {
    const seeded = await seedDemoTeam({
      gatewayUrl: `http://127.0.0.1:${config.ports.gateway}`,
      adminApiKey: secrets.adminApiKey,
      previousTeamId: state.demoTeamId,
    });
    demoTeam = { id: seeded.teamId };
    await writeDevState(paths.stateFile, { ...state, demoTeamId: seeded.teamId });
    log(seeded.created ? 'created the demo team' : 'reusing the demo team');
  } catch (error) {
    demoTeam = { error: describeError(error) };
    log(`could not seed the demo team: ${describeError(error)} (everything else keeps running)`);
  }

  output.raw(
    renderBanner({
      gatewayUrl: publicUrl(config),
      sandboxUrl: sandboxUrl(config),
      adminApiKey: secrets.adminApiKey,
      adminApiKeySource: secrets.adminApiKeySource,
      demoTeam,
      postgres: `${redactUrl(postgres.url)} (${postgres.origin})`,
      nats: `${nats.url} (${nats.origin})`,
      smtp:
        config.smtpUrl === undefined ? 'caught by the sandbox mailbox' : redactUrl(config.smtpUrl),
    }),
  );
}

/** Enough to list the entry points before any secret or server exists. */
function placeholderInputs(config: DevConfig) {
  return {
    config,
    databaseUrl: '',
    natsUrl: '',
    keyringFile: '',
    portalSigningSecret: '',
    adminApiKey: '',
  };
}

main();

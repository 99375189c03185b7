import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, isPortFree } from '../free-port';
import { minimalEnv } from '../process/spawn-process';
import { spawnManaged, type SupervisedProcess } from '../process/managed-process';
import { waitFor } from '../wait-for';
import { checkJetStream } from './jetstream-probe';
import { findNatsServerBinary } from './nats-binary';
import { describeError } from '../describe-error';

export interface StartNatsServerOptions {
  /** Default: a free port. */
  port?: number;
  /** JetStream store directory. Default: a fresh temp dir (removed by `close()`). */
  storeDir?: string;
  /** Own process group, so terminal Ctrl-C does not reach it (dev mode). Default false. */
  detached?: boolean;
  /** How long to wait for the server and JetStream. Default 20 000 ms. */
  readyTimeoutMs?: number;
  /** Called for every line nats-server prints. */
  onLine?: (line: string) => void;
  /** A configuration file (`-c`); the address, port, JetStream and store flags still apply. */
  configFile?: string;
  /** A user the readiness probe connects as, when the configuration requires authorization. */
  probeAuth?: { user: string; pass: string; inboxPrefix?: string };
}

/** A nats-server with JetStream that this process started and controls. */
export interface OwnNats {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  /** Output lines of the current (or last) server process. */
  readonly lines: string[];
  /** SIGTERM and wait for exit (JetStream data stays in storeDir). */
  stop(): Promise<void>;
  /** Start again on the same port with the same store dir. */
  start(): Promise<void>;
  /** SIGKILL and wait for exit. */
  kill(): Promise<void>;
  /** Stop and delete the store dir. */
  close(): Promise<void>;
}

/**
 * Spawns `nats-server [-c <config>] -a 127.0.0.1 -p <port> -js -sd <dir>` and waits until
 * JetStream answers.
 */
export async function startNatsServer(options: StartNatsServerOptions = {}): Promise<OwnNats> {
  const binary = findNatsServerBinary();
  const port = options.port ?? (await freePort());
  const storeDir = options.storeDir ?? (await mkdtemp(join(tmpdir(), 'sb-nats-')));
  await mkdir(storeDir, { recursive: true });
  const url = `nats://127.0.0.1:${port}`;
  let current: SupervisedProcess | undefined;

  const start = async (): Promise<void> => {
    if (current !== undefined && !current.hasExited) return;
    if (!(await isPortFree(port))) {
      throw new Error(`cannot start nats-server: port ${port} on 127.0.0.1 is already in use`);
    }
    const proc = await spawnManaged({
      name: `nats-server-${port}`,
      command: binary,
      args: [
        ...(options.configFile ? ['-c', options.configFile] : []),
        ...['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
      ],
      env: minimalEnv(),
      detached: options.detached,
      onLine: options.onLine && ((line) => options.onLine?.(line)),
      maxLines: 2_000,
    });
    current = proc;
    const timeoutMs = options.readyTimeoutMs ?? 20_000;
    try {
      await proc.waitForLine(/Server is ready/, timeoutMs);
      await waitFor(
        async () => {
          if (proc.hasExited) throw new Error('nats-server exited');
          await checkJetStream(url, 1_000, options.probeAuth);
          return true;
        },
        { what: `JetStream on ${url}`, timeoutMs, intervalMs: 100 },
      );
    } catch (error) {
      await proc.kill();
      throw new Error(`nats-server on port ${port} did not become ready: ${describeError(error)}`, {
        cause: error,
      });
    }
  };

  const stop = async (): Promise<void> => {
    await current?.stop(10_000);
  };

  try {
    await start();
  } catch (error) {
    if (options.storeDir === undefined) await rm(storeDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    storeDir,
    get lines() {
      return current?.lines ?? [];
    },
    start,
    stop,
    kill: async () => {
      await current?.kill();
    },
    close: async () => {
      await stop();
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}

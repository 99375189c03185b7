import { LAST_CHANCE_MS } from './plan';

const CAP_MS = 5 * 60_000;

/** Exponential backoff with full jitter (1 s, 2 s, 4 s … 5 min), never sooner than Retry-After. */
export function retryDelayMs(
  attempt: number,
  retryAfterSeconds: number | null,
  random: () => number = Math.random,
): number {
  const exp = Math.min(CAP_MS, 1000 * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + (exp / 2) * random();
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}

/**
 * When to try again after the `attempt`-th transient failure in a row: the backoff, but one last
 * try just before the token expires rather than none; null when there is no time left (or the
 * platform's Retry-After reaches past the expiry), i.e. the retries are exhausted.
 */
export function nextRetryAt(
  attempt: number,
  retryAfterSeconds: number | null,
  now: Date,
  expiresAt: Date | null,
  random: () => number = Math.random,
): Date | null {
  const at = now.getTime() + retryDelayMs(attempt, retryAfterSeconds, random);
  if (!expiresAt) return new Date(at);
  const lastChance = expiresAt.getTime() - LAST_CHANCE_MS;
  const notBefore = now.getTime() + (retryAfterSeconds ?? 0) * 1000;
  if (notBefore >= lastChance) return null;
  return new Date(Math.min(at, lastChance));
}

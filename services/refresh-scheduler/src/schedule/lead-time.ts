export interface LeadPolicy {
  minLeadSeconds: number;
  maxLeadSeconds: number;
  /** Fraction of the lifetime to refresh ahead by. */
  fraction: number;
}

export const DEFAULT_LEAD: LeadPolicy = { minLeadSeconds: 60, maxLeadSeconds: 900, fraction: 0.25 };

/**
 * When to refresh a token that expires at `expiresAt`: a fraction of its remaining lifetime
 * before expiry, bounded by a floor and a ceiling (the floor never exceeds half the lifetime, so
 * very short tokens still live a while), minus up to 10% jitter so a burst spreads out.
 */
export function nextRefreshAt(
  expiresAt: Date,
  now: Date,
  policy: LeadPolicy,
  random = Math.random,
): Date {
  const lifetimeMs = Math.max(0, expiresAt.getTime() - now.getTime());
  const floorMs = Math.min(policy.minLeadSeconds * 1000, lifetimeMs / 2);
  const leadMs = Math.min(
    policy.maxLeadSeconds * 1000,
    Math.max(floorMs, lifetimeMs * policy.fraction),
  );
  const jitterMs = leadMs * 0.1 * random();
  return new Date(Math.max(now.getTime(), expiresAt.getTime() - leadMs - jitterMs));
}

/** Exponential backoff with full jitter, never sooner than the platform's Retry-After. */
export function retryDelayMs(
  attempt: number,
  retryAfterSeconds: number | null,
  random = Math.random,
): number {
  const capMs = 5 * 60_000;
  const exp = Math.min(capMs, 1000 * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + (exp / 2) * random();
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}

import type { PlatformPolicy } from './platform-policy';

/** What the scheduler knows about a connection's current credential (from events, never tokens). */
export interface CredentialFacts {
  credentialVersion: number;
  expiresAt: Date | null;
  refreshable: boolean;
  refreshExpiresAt: Date | null;
  /** When the current access token was issued: its age gates Threads / Instagram refreshes. */
  issuedAt: Date;
}

export type LadderCause = 'not_refreshable' | 'refresh_token_end_of_life' | 'refresh_failing';

/** A countdown of `TokenExpiring` warnings towards `targetAt`, once per horizon per generation. */
export interface Ladder {
  cause: LadderCause;
  targetAt: Date;
  /** What "once" is counted against: the credential version, or the refresh token's end date. */
  generation: string;
}

export interface Plan {
  state: 'scheduled' | 'not_refreshable';
  /** When to refresh; null when the credential is not refreshed. */
  nextDueAt: Date | null;
  ladder: Ladder | null;
}

export function versionGeneration(credentialVersion: number): string {
  return `v${credentialVersion}`;
}

/**
 * The refresh (or warning) plan of a credential under its platform's policy: refresh a fraction
 * of the lifetime ahead, within a floor and a ceiling, a little earlier at random; never after the
 * refresh token itself ends; never before the token is old enough to be refreshed. Credentials
 * that cannot be refreshed in time get an expiry ladder instead, and refresh tokens with a fixed
 * end of life get one on that date.
 */
export function planCredential(
  policy: PlatformPolicy,
  c: CredentialFacts,
  now: Date,
  random: () => number = Math.random,
): Plan {
  const notRefreshable = (): Plan => ({
    state: 'not_refreshable',
    nextDueAt: null,
    ladder: c.expiresAt
      ? {
          cause: 'not_refreshable',
          targetAt: c.expiresAt,
          generation: versionGeneration(c.credentialVersion),
        }
      : null,
  });
  if (policy.refresh === 'never' || !c.refreshable || !c.expiresAt) return notRefreshable();

  let due = leadDue(policy, c.expiresAt, now, random);
  if (c.refreshExpiresAt && c.refreshExpiresAt.getTime() <= due) {
    // the refresh token ends first: use it while it still works
    const latest = c.refreshExpiresAt.getTime() - LAST_CHANCE_MS;
    if (latest <= now.getTime()) return notRefreshable();
    due = latest;
  }
  const oldEnough = c.issuedAt.getTime() + policy.minTokenAgeSeconds * 1000;
  if (oldEnough > due) {
    if (oldEnough >= c.expiresAt.getTime()) return notRefreshable();
    due = oldEnough;
  }
  const endOfLife =
    policy.refreshTokenLifetime === 'fixed' && c.refreshExpiresAt
      ? {
          cause: 'refresh_token_end_of_life' as const,
          targetAt: c.refreshExpiresAt,
          generation: `rt:${c.refreshExpiresAt.toISOString()}`,
        }
      : null;
  return { state: 'scheduled', nextDueAt: new Date(due), ladder: endOfLife };
}

/** A refresh needs a moment: the last attempt is made this long before the deadline. */
export const LAST_CHANCE_MS = 1000;

function leadDue(policy: PlatformPolicy, expiresAt: Date, now: Date, random: () => number): number {
  const lifetimeMs = Math.max(0, expiresAt.getTime() - now.getTime());
  const floorMs = Math.min(policy.leadFloorSeconds * 1000, lifetimeMs / 2);
  const leadMs = Math.min(
    policy.leadCeilingSeconds * 1000,
    Math.max(floorMs, lifetimeMs * policy.leadFraction),
  );
  const jitterMs = leadMs * policy.jitter * random();
  return Math.max(now.getTime(), expiresAt.getTime() - leadMs - jitterMs);
}

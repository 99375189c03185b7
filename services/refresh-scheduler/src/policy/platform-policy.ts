import { PLATFORM_TYPES, type PlatformType } from '@switchboard/contracts';
import { z } from 'zod';

const DAY = 86_400;

export const BudgetSchema = z.strictObject({
  /** Token-endpoint calls per second, shared by every replica; 0 = no budget. */
  perSecond: z.number().nonnegative(),
  /** How many calls may go at once after a quiet spell. */
  burst: z.number().int().min(1),
});
export type Budget = z.infer<typeof BudgetSchema>;

export const PlatformPolicySchema = z.strictObject({
  /** Refresh this fraction of the token's lifetime before it expires… */
  leadFraction: z.number().min(0).max(1),
  /** …but at least this long before (never more than half the lifetime, so short tokens live)… */
  leadFloorSeconds: z.number().nonnegative(),
  /** …and at most this long before. */
  leadCeilingSeconds: z.number().nonnegative(),
  /** Up to this fraction of the lead is added at random, so a burst of connections spreads out. */
  jitter: z.number().min(0).max(1),
  /**
   * `auto`: refresh whenever the vault says the credential can be refreshed; `never`: the
   * platform's long-lived tokens cannot be refreshed, only warned about (Meta user tokens).
   */
  refresh: z.enum(['auto', 'never']),
  /** A token can only be refreshed once it is this old (Threads, Instagram Login: 24 h). */
  minTokenAgeSeconds: z.number().nonnegative(),
  /**
   * `fixed`: the refresh token dies on a date that refreshing does not move (LinkedIn, TikTok
   * Business), so the connection gets an expiry ladder on that date; `sliding`: it does not.
   */
  refreshTokenLifetime: z.enum(['sliding', 'fixed']),
  budget: BudgetSchema,
});
export type PlatformPolicy = z.infer<typeof PlatformPolicySchema>;

export const DEFAULT_POLICY: PlatformPolicy = {
  leadFraction: 0.25,
  leadFloorSeconds: 60,
  leadCeilingSeconds: 15 * 60,
  jitter: 0.1,
  refresh: 'auto',
  minTokenAgeSeconds: 0,
  refreshTokenLifetime: 'sliding',
  budget: { perSecond: 50, burst: 100 },
};

/** Tokens that live for weeks: refresh a week ahead, so a failing platform has days to recover. */
const LONG_LIVED: Partial<PlatformPolicy> = {
  leadFloorSeconds: DAY,
  leadCeilingSeconds: 7 * DAY,
};

/**
 * What differs per platform (see ../shared/providers). Lifetimes are never assumed: every plan
 * works from the `expiresAt` the platform actually returned.
 */
export const PLATFORM_POLICIES: Partial<Record<PlatformType, Partial<PlatformPolicy>>> = {
  // Facebook Login user tokens (~60 d) have no refresh token; Page tokens do not expire
  FACEBOOK: { refresh: 'never' },
  INSTAGRAM: { refresh: 'never' },
  // the long-lived token refreshes itself once it is 24 h old; each refresh gives 60 d
  INSTAGRAM_LOGIN: { ...LONG_LIVED, minTokenAgeSeconds: DAY, budget: { perSecond: 20, burst: 40 } },
  THREADS: { ...LONG_LIVED, minTokenAgeSeconds: DAY, budget: { perSecond: 20, burst: 40 } },
  // 60-day access tokens; the refresh token ends 365 days after the first authorization
  LINKEDIN: { ...LONG_LIVED, refreshTokenLifetime: 'fixed', budget: { perSecond: 10, burst: 20 } },
  LINKEDIN_PAGE: {
    ...LONG_LIVED,
    refreshTokenLifetime: 'fixed',
    budget: { perSecond: 10, burst: 20 },
  },
  // 24-hour access tokens on a 365-day refresh chain that refreshing does not extend
  TIKTOK_BUSINESS: { leadCeilingSeconds: 3600, refreshTokenLifetime: 'fixed' },
  // 30-day access tokens, continuous 60-day refresh tokens
  PINTEREST: LONG_LIVED,
  // 7-day access tokens
  DISCORD: { leadCeilingSeconds: DAY },
  // 12-hour tokens with rotation
  SLACK: { leadCeilingSeconds: 3600 },
  // bot tokens and Mastodon tokens do not expire: nothing to refresh, nothing to warn about
  TELEGRAM: { refresh: 'never' },
  MASTODON: { refresh: 'never' },
  // the app-password session flow is rate-limited hard (30 per 5 minutes)
  BLUESKY: { budget: { perSecond: 5, burst: 10 } },
};

export const PolicyOverridesSchema = z.record(
  z.string().max(100),
  PlatformPolicySchema.partial().extend({ budget: BudgetSchema.optional() }),
);
export type PolicyOverrides = z.infer<typeof PolicyOverridesSchema>;

/**
 * The policy of every platform: the default, the platform's entry, then the deployment's
 * overrides (`SCHEDULER_POLICY_OVERRIDES`, keyed by type or `default`). Custom OAuth 2.0
 * providers get the default.
 */
export class PolicyTable {
  private readonly resolved = new Map<string, PlatformPolicy>();

  constructor(private readonly overrides: PolicyOverrides = {}) {
    for (const type of PLATFORM_TYPES) this.resolved.set(type, this.build(type));
  }

  for(type: string): PlatformPolicy {
    let policy = this.resolved.get(type);
    if (!policy) {
      policy = this.build(type);
      this.resolved.set(type, policy);
    }
    return policy;
  }

  private build(type: string): PlatformPolicy {
    return PlatformPolicySchema.parse({
      ...DEFAULT_POLICY,
      ...this.overrides.default,
      ...PLATFORM_POLICIES[type as PlatformType],
      ...this.overrides[type],
    });
  }
}

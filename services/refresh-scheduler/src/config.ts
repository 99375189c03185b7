import { commonEnv, port } from '@switchboard/platform';
import { z } from 'zod';
import { parseHorizons } from './policy/ladder';
import { BudgetSchema, PolicyOverridesSchema } from './policy/platform-policy';

/** A JSON-valued variable, validated against `schema`. */
const json = <S extends z.ZodType>(schema: S, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

export const SchedulerEnvSchema = z
  .object({
    ...commonEnv,
    HTTP_PORT: port(3003),
    /** How often due rows are looked for when the last pass found none (ms). */
    SCHEDULER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(500),
    /** Rows claimed per query. */
    SCHEDULER_BATCH: z.coerce.number().int().min(1).max(1000).default(100),
    /** Refreshes in flight per replica. */
    SCHEDULER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(256),
    /** A claimed row is this replica's for this long; a dead replica's claims lapse after it (ms). */
    SCHEDULER_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    /**
     * How long one `vault.refresh` may take; shorter than the lease, so a live replica always
     * settles its rows before anyone may take them over. Default: two thirds of the lease.
     */
    SCHEDULER_REFRESH_TIMEOUT_MS: z.coerce.number().int().min(500).max(300_000).optional(),
    /** Per-platform policy changes, e.g. `{"TWITTER": {"budget": {"perSecond": 20, "burst": 40}}}`. */
    SCHEDULER_POLICY_OVERRIDES: json(PolicyOverridesSchema, '{}'),
    /** Each developer app's refresh budget (shared by all replicas); perSecond 0 = none. */
    SCHEDULER_APP_BUDGET: json(BudgetSchema, '{"perSecond": 0, "burst": 1}'),
    /** Where `TokenExpiring` fires, before expiry. */
    SCHEDULER_EXPIRY_HORIZONS: z
      .string()
      .default('7d,3d,1d,1h')
      .transform((text, ctx) => {
        try {
          return parseHorizons(text);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    /** Transient failures in a row before a refreshable token's expiry ladder starts. */
    SCHEDULER_FAILING_AFTER: z.coerce.number().int().min(1).max(100).default(2),
    /** Days of timeline kept. */
    SCHEDULER_HISTORY_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  })
  .refine((env: TimeoutSettings) => refreshTimeoutMs(env) < env.SCHEDULER_LEASE_MS, {
    path: ['SCHEDULER_REFRESH_TIMEOUT_MS'],
    message: 'must be shorter than SCHEDULER_LEASE_MS',
  });
export type SchedulerEnv = z.infer<typeof SchedulerEnvSchema>;
export const SCHEDULER_ENV = Symbol('SCHEDULER_ENV');

interface TimeoutSettings {
  SCHEDULER_REFRESH_TIMEOUT_MS?: number;
  SCHEDULER_LEASE_MS: number;
}

export function refreshTimeoutMs(env: TimeoutSettings): number {
  return env.SCHEDULER_REFRESH_TIMEOUT_MS ?? Math.floor((env.SCHEDULER_LEASE_MS * 2) / 3);
}

import { commonEnv, port } from '@switchboard/platform';
import { z } from 'zod';

export const SchedulerEnvSchema = z.object({
  ...commonEnv,
  HTTP_PORT: port(3003),
  /** How often due rows are looked for when the last pass found none (ms). */
  SCHEDULER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  /** Rows claimed per pass. */
  SCHEDULER_BATCH: z.coerce.number().int().min(1).max(1000).default(100),
  /** Refreshes in flight per replica. */
  SCHEDULER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  /** A claimed row is this replica's for this long; a dead replica's claims lapse after it (ms). */
  SCHEDULER_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Never refresh earlier than this before expiry, nor later than the floor (seconds). */
  SCHEDULER_MAX_LEAD_SECONDS: z.coerce.number().int().min(1).default(900),
  SCHEDULER_MIN_LEAD_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Days of attempt history kept. */
  SCHEDULER_HISTORY_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});
export type SchedulerEnv = z.infer<typeof SchedulerEnvSchema>;
export const SCHEDULER_ENV = Symbol('SCHEDULER_ENV');

import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../common';
import { defineRpc } from './define';

/** What can appear on a connection's timeline, as the refresh scheduler records it. */
export const TIMELINE_KINDS = [
  'connected',
  'reconnected',
  /** One call of the scheduler to `vault.refresh`, whatever its outcome. */
  'refresh_attempt',
  /** A refresh the scheduler did not make itself (inline on `vault.token.get`, manual). */
  'refreshed',
  'refresh_failed',
  'expiring',
  'disconnected',
  'revoked',
] as const;
export const TimelineKindSchema = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof TimelineKindSchema>;

export const TimelineEntrySchema = z.strictObject({
  id: z.string().max(40),
  at: IsoTimeSchema,
  kind: TimelineKindSchema,
  /** `refreshed`, `transient`, `reauth_required`, `permission_lost`, `transient_exhausted`, a horizon… */
  outcome: z.string().max(100).nullable(),
  /** The platform's HTTP status, when it answered. */
  providerStatus: z.number().int().nullable(),
  /** The platform's error code (`invalid_grant`, …), never a token. */
  providerError: z.string().max(200).nullable(),
  detail: z.string().max(1000).nullable(),
  traceId: z.string().max(64).nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  credentialVersion: z.number().int().positive().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** A connection's history (connect, refresh attempts, failures, expiry warnings), oldest first. */
export const SchedulerTimelineList = defineRpc(
  'refresh-scheduler.timeline.list',
  z.strictObject({
    connectionId: IdSchema,
    teamId: IdSchema,
    limit: z.number().int().min(1).max(500),
    cursor: z.string().max(200).nullable(),
  }),
  z.strictObject({ items: z.array(TimelineEntrySchema), nextCursor: z.string().nullable() }),
);

import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../common';
import { defineRpc } from './define';

export const DeadLetterSchema = z.strictObject({
  id: IdSchema,
  consumer: z.string(),
  subject: z.string(),
  eventId: z.string().nullable(),
  eventType: z.string().nullable(),
  reason: z.string(),
  error: z.string().nullable(),
  deliveries: z.number().int(),
  createdAt: IsoTimeSchema,
  replayedAt: IsoTimeSchema.nullable(),
});
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

/** Every service that consumes events answers these for operators (`<service>.deadletters.*`). */
export const deadLettersList = (service: string) =>
  defineRpc(
    `${service}.deadletters.list`,
    z.strictObject({
      limit: z.number().int().min(1).max(500),
      cursor: z.string().max(100).nullable(),
      includeReplayed: z.boolean(),
    }),
    z.strictObject({ items: z.array(DeadLetterSchema), nextCursor: z.string().nullable() }),
  );

export const deadLettersReplay = (service: string) =>
  defineRpc(
    `${service}.deadletters.replay`,
    z.strictObject({ id: IdSchema }),
    z.strictObject({ replayed: z.boolean() }),
  );

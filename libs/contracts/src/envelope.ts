import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from './common';

/**
 * CloudEvents 1.0 envelope. `type` is versioned (`switchboard.account.connected.v1`); a breaking
 * change is a new file with a new version, never an edit of an existing one.
 */
export function eventSchema<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.strictObject({
    specversion: z.literal('1.0'),
    id: IdSchema,
    source: z.string().min(1).max(200),
    type: z.literal(type),
    time: IsoTimeSchema,
    subject: z.string().min(1).max(200),
    datacontenttype: z.literal('application/json'),
    data,
  });
}

/** What any event looks like before its type is known. */
export const AnyEnvelopeSchema = z.strictObject({
  specversion: z.literal('1.0'),
  id: IdSchema,
  source: z.string().min(1).max(200),
  type: z.string().min(1).max(200),
  time: IsoTimeSchema,
  subject: z.string().min(1).max(200),
  datacontenttype: z.literal('application/json'),
  data: z.unknown(),
});
export type AnyEnvelope = z.infer<typeof AnyEnvelopeSchema>;

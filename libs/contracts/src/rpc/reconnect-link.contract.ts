import { z } from 'zod';
import { IdSchema } from '../common';

/** Signing purpose of reconnect links (`signLink`/`verifyLink` in libs/platform). */
export const RECONNECT_LINK_PURPOSE = 'reconnect';

/**
 * What a signed Reconnect link carries (the notifier signs with PORTAL_SIGNING_SECRET, the
 * gateway verifies): which connection of which team to resume, for whom, in which language.
 */
export const ReconnectLinkClaimsSchema = z.object({
  c: IdSchema,
  t: IdSchema,
  m: IdSchema.nullable(),
  l: z.string().max(10),
  exp: z.number().int(),
});
export type ReconnectLinkClaims = z.infer<typeof ReconnectLinkClaimsSchema>;

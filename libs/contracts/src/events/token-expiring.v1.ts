import { z } from 'zod';
import { IsoTimeSchema } from '../common';
import { eventSchema } from '../envelope';
import { accountRef } from './account-fields';

export const TOKEN_EXPIRING_V1 = 'switchboard.token.expiring.v1';
export const TokenExpiringV1Data = z.strictObject({
  ...accountRef,
  credentialVersion: z.number().int().positive(),
  expiresAt: IsoTimeSchema,
  /** The ladder step that fired, in seconds before expiry (604800 = 7 days). */
  horizonSeconds: z.number().int().nonnegative(),
  /** Why it cannot simply be refreshed. */
  cause: z.enum(['not_refreshable', 'refresh_failing', 'refresh_token_end_of_life']),
});
export const TokenExpiringV1 = eventSchema(TOKEN_EXPIRING_V1, TokenExpiringV1Data);
export type TokenExpiringV1 = z.infer<typeof TokenExpiringV1>;

import { z } from 'zod';
import { IsoTimeSchema } from '../common';
import { eventSchema } from '../envelope';
import { accountRef } from './account-fields';

export const TOKEN_REVOKED_V1 = 'switchboard.token.revoked.v1';
export const TokenRevokedV1Data = z.strictObject({
  ...accountRef,
  revokedAt: IsoTimeSchema,
  /** Whether the platform confirmed the revocation (false: not supported, or retried later). */
  providerRevoked: z.boolean(),
  by: z.enum(['team', 'provider']),
});
export const TokenRevokedV1 = eventSchema(TOKEN_REVOKED_V1, TokenRevokedV1Data);
export type TokenRevokedV1 = z.infer<typeof TokenRevokedV1>;

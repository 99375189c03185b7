import { z } from 'zod';
import { IsoTimeSchema } from '../common';
import { eventSchema } from '../envelope';
import { accountRef } from './account-fields';

export const TOKEN_REFRESHED_V1 = 'switchboard.token.refreshed.v1';
export const TokenRefreshedV1Data = z.strictObject({
  ...accountRef,
  credentialVersion: z.number().int().positive(),
  refreshedAt: IsoTimeSchema,
  expiresAt: IsoTimeSchema.nullable(),
  refreshable: z.boolean(),
  refreshExpiresAt: IsoTimeSchema.nullable(),
});
export const TokenRefreshedV1 = eventSchema(TOKEN_REFRESHED_V1, TokenRefreshedV1Data);
export type TokenRefreshedV1 = z.infer<typeof TokenRefreshedV1>;

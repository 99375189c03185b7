import { z } from 'zod';
import { IsoTimeSchema } from '../common';
import { eventSchema } from '../envelope';
import { accountRef } from './account-fields';

export const ACCOUNT_DISCONNECTED_V1 = 'switchboard.account.disconnected.v1';
export const AccountDisconnectedV1Data = z.strictObject({
  ...accountRef,
  by: z.enum(['team', 'provider']),
  disconnectedAt: IsoTimeSchema,
});
export const AccountDisconnectedV1 = eventSchema(
  ACCOUNT_DISCONNECTED_V1,
  AccountDisconnectedV1Data,
);
export type AccountDisconnectedV1 = z.infer<typeof AccountDisconnectedV1>;

import { z } from 'zod';
import { eventSchema } from '../envelope';
import { connectedAccountFields } from './account-fields';

export const ACCOUNT_RECONNECTED_V1 = 'switchboard.account.reconnected.v1';
export const AccountReconnectedV1Data = z.strictObject(connectedAccountFields);
export const AccountReconnectedV1 = eventSchema(ACCOUNT_RECONNECTED_V1, AccountReconnectedV1Data);
export type AccountReconnectedV1 = z.infer<typeof AccountReconnectedV1>;

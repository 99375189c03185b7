import { z } from 'zod';
import { eventSchema } from '../envelope';
import { connectedAccountFields } from './account-fields';

export const ACCOUNT_CONNECTED_V1 = 'switchboard.account.connected.v1';
export const AccountConnectedV1Data = z.strictObject(connectedAccountFields);
export const AccountConnectedV1 = eventSchema(ACCOUNT_CONNECTED_V1, AccountConnectedV1Data);
export type AccountConnectedV1 = z.infer<typeof AccountConnectedV1>;

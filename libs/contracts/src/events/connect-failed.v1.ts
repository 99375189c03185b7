import { z } from 'zod';
import { IdSchema } from '../common';
import { eventSchema } from '../envelope';
import { PlatformTypeSchema } from '../platform';

export const CONNECT_FAILED_V1 = 'switchboard.connect.failed.v1';
export const ConnectFailedV1Data = z.strictObject({
  flowId: IdSchema,
  teamId: IdSchema,
  type: PlatformTypeSchema,
  memberId: IdSchema.nullable(),
  connectionId: IdSchema.nullable(),
  code: z.string().min(1).max(100),
  message: z.string().max(1000),
  missingScopes: z.array(z.string().max(200)).max(100),
});
export const ConnectFailedV1 = eventSchema(CONNECT_FAILED_V1, ConnectFailedV1Data);
export type ConnectFailedV1 = z.infer<typeof ConnectFailedV1>;

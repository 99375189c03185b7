import { z } from 'zod';
import { IdSchema } from '../common';
import { PlatformTypeSchema } from '../platform';
import { defineRpc } from './define';

export const RecipientSchema = z.strictObject({
  memberId: IdSchema,
  email: z.email(),
  name: z.string().nullable(),
  locale: z.string().max(10),
  role: z.enum(['admin', 'member']),
});
export type Recipient = z.infer<typeof RecipientSchema>;

/** Who hears about an account: the member who connected it plus the team's admins. */
export const GatewayRecipientsGet = defineRpc(
  'gateway.recipients.get',
  z.strictObject({ teamId: IdSchema, memberId: IdSchema.nullable() }),
  z.strictObject({ recipients: z.array(RecipientSchema) }),
);

/** Why a slot was refused: the team's plan limit, or the deployment's one-team-per-account rule. */
export const SlotRefusalSchema = z.enum(['limit-reached', 'account-connected-elsewhere']);
export type SlotRefusal = z.infer<typeof SlotRefusalSchema>;

/**
 * Before a new connection is stored, the gateway (which owns plans) reserves a slot for it,
 * atomically, so parallel connects cannot exceed the team's per-platform limit. With
 * `externalId`, the gateway also applies the deployment's rule for an account already connected
 * in another team (`ACCOUNT_CONNECTED_ELSEWHERE`).
 */
export const GatewayLimitsReserve = defineRpc(
  'gateway.limits.reserve',
  z.strictObject({
    teamId: IdSchema,
    type: PlatformTypeSchema,
    connectionId: IdSchema,
    externalId: z.string().min(1).max(200).optional(),
  }),
  z.strictObject({
    allowed: z.boolean(),
    limit: z.number().int().nullable(),
    refusal: SlotRefusalSchema.optional(),
  }),
);

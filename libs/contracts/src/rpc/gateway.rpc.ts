import { z } from 'zod';
import { IdSchema } from '../common';
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

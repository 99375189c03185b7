import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../common';
import { defineRpc } from './define';

export const NotificationSchema = z.strictObject({
  id: IdSchema,
  teamId: IdSchema,
  memberId: IdSchema.nullable(),
  connectionId: IdSchema.nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: IsoTimeSchema,
  readAt: IsoTimeSchema.nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotifierInboxList = defineRpc(
  'notifier.inbox.list',
  z.strictObject({
    teamId: IdSchema,
    memberId: IdSchema.nullable(),
    limit: z.number().int().min(1).max(500),
    cursor: z.string().max(200).nullable(),
  }),
  z.strictObject({ items: z.array(NotificationSchema), nextCursor: z.string().nullable() }),
);

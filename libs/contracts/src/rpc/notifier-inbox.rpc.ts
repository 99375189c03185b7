import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../common';
import { defineRpc } from './define';
import { NotificationSchema } from './notifier.rpc';

export const NOTICE_SEVERITIES = ['info', 'warning', 'error'] as const;

/** An in-app notice as the API shows it: the v1 notification plus severity, locale and action. */
export const NoticeSchema = z.strictObject({
  ...NotificationSchema.shape,
  severity: z.enum(NOTICE_SEVERITIES),
  locale: z.string().max(10),
  /** The one-click Reconnect link where one helps, else null. */
  actionUrl: z.string().max(4000).nullable(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const NotifierInboxQuery = defineRpc(
  'notifier.inbox.query',
  z.strictObject({
    teamId: IdSchema,
    memberId: IdSchema.nullable(),
    connectionId: IdSchema.nullable(),
    unreadOnly: z.boolean(),
    limit: z.number().int().min(1).max(500),
    cursor: z.string().max(200).nullable(),
  }),
  z.strictObject({
    items: z.array(NoticeSchema),
    nextCursor: z.string().nullable(),
    /** Unread notices matching the same team/member/connection filter. */
    unreadCount: z.number().int().nonnegative(),
  }),
);

/** Marks one notice read; `teamId` null only for admin callers (any team). */
export const NotifierInboxMarkRead = defineRpc(
  'notifier.inbox.mark-read',
  z.strictObject({ teamId: IdSchema.nullable(), id: IdSchema }),
  NoticeSchema,
);

export const NotifierInboxMarkAllRead = defineRpc(
  'notifier.inbox.mark-all-read',
  z.strictObject({ teamId: IdSchema, memberId: IdSchema.nullable() }),
  z.strictObject({ updated: z.number().int().nonnegative() }),
);

/** Core NATS subject (namespace it) on which the notifier announces notices of a team, live. */
export function noticeLiveSubject(teamId: string): string {
  return `notifier.live.${teamId}`;
}

export const LiveNoticeMessageSchema = z.strictObject({
  event: z.enum(['created', 'read']),
  notice: NoticeSchema,
  at: IsoTimeSchema,
});
export type LiveNoticeMessage = z.infer<typeof LiveNoticeMessageSchema>;

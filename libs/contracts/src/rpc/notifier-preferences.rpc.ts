import { z } from 'zod';
import { IdSchema } from '../common';
import { defineRpc } from './define';

/** What a notice is about; members choose per kind and channel. */
export const NOTICE_KINDS = [
  'token_expiring',
  'refresh_failed',
  'disconnected',
  'connect_failed',
  'reconnected',
  'reminder',
  'webhook_disabled',
] as const;
export const NoticeKindSchema = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof NoticeKindSchema>;

export const PreferenceSchema = z.strictObject({
  kind: NoticeKindSchema,
  email: z.boolean(),
  inApp: z.boolean(),
});
export type Preference = z.infer<typeof PreferenceSchema>;

const PreferencesReply = z.strictObject({ items: z.array(PreferenceSchema) });

/** The member's effective preferences: their choices over the defaults, one row per kind. */
export const NotifierPreferencesGet = defineRpc(
  'notifier.preferences.get',
  z.strictObject({ teamId: IdSchema, memberId: IdSchema }),
  PreferencesReply,
);

export const NotifierPreferencesSet = defineRpc(
  'notifier.preferences.set',
  z.strictObject({
    teamId: IdSchema,
    memberId: IdSchema,
    preferences: z
      .array(
        z.strictObject({
          kind: NoticeKindSchema,
          email: z.boolean().optional(),
          inApp: z.boolean().optional(),
        }),
      )
      .min(1)
      .max(NOTICE_KINDS.length),
  }),
  PreferencesReply,
);

export const TeamNotificationSettingsSchema = z.strictObject({
  /** Whether the team's admins hear about accounts other members connected (default true). */
  notifyAdmins: z.boolean(),
});
export type TeamNotificationSettings = z.infer<typeof TeamNotificationSettingsSchema>;

export const NotifierTeamSettingsGet = defineRpc(
  'notifier.team-settings.get',
  z.strictObject({ teamId: IdSchema }),
  TeamNotificationSettingsSchema,
);

export const NotifierTeamSettingsSet = defineRpc(
  'notifier.team-settings.set',
  z.strictObject({ teamId: IdSchema, notifyAdmins: z.boolean() }),
  TeamNotificationSettingsSchema,
);

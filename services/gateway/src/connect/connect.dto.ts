import { MetadataSchema, PlatformTypeSchema } from '@switchboard/contracts';
import { z } from 'zod';

export const ConnectBody = z.strictObject({
  teamId: z.uuid(),
  type: PlatformTypeSchema,
  redirectUrl: z.string().min(1).max(2000),
  memberId: z.uuid().optional(),
  endUserId: z.string().max(200).optional(),
  metadata: MetadataSchema.optional(),
  scopes: z.array(z.string().min(1).max(200)).max(50).optional(),
  serverUrl: z.string().max(500).optional(),
  /** TELEGRAM: the bot's token from @BotFather (a secret: stored in the vault, never echoed). */
  botToken: z.string().min(1).max(200).optional(),
  /** TELEGRAM: the channel's `@username` or numeric chat id. */
  channel: z.string().min(1).max(100).optional(),
  /** BLUESKY with an app password: the handle, DID or email to sign in with. */
  identifier: z.string().min(1).max(253).optional(),
  /** BLUESKY: an app password (a secret: used once for `createSession`, never stored or echoed). */
  appPassword: z.string().min(1).max(200).optional(),
});
export type ConnectBody = z.infer<typeof ConnectBody>;

export const LaunchQuery = z.strictObject({ token: z.string().min(20).max(200) });

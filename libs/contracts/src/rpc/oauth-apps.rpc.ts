import { z } from 'zod';
import { IdSchema, IsoTimeSchema, MetadataSchema } from '../common';
import { PlatformTypeSchema } from '../platform';
import { defineRpc } from './define';
import { ConnectedAccountSchema } from './oauth.rpc';
import { AppKeySchema } from './vault-apps.rpc';

/** A team's own developer app as the API shows it: never the secret. */
export const TeamAppViewSchema = z.strictObject({
  teamId: IdSchema,
  type: PlatformTypeSchema,
  clientId: z.string(),
  /** The key its credentials and rate budget go by. */
  appKey: AppKeySchema,
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
});
export type TeamAppView = z.infer<typeof TeamAppViewSchema>;

export const OAuthTeamAppPut = defineRpc(
  'oauth.apps.team.put',
  z.strictObject({
    teamId: IdSchema,
    type: PlatformTypeSchema,
    clientId: z.string().min(1).max(500),
    clientSecret: z.string().min(1).max(2000),
  }),
  TeamAppViewSchema,
);

export const OAuthTeamAppGet = defineRpc(
  'oauth.apps.team.get',
  z.strictObject({ teamId: IdSchema, type: PlatformTypeSchema }),
  z.strictObject({ app: TeamAppViewSchema.nullable() }),
);

export const OAuthTeamAppDelete = defineRpc(
  'oauth.apps.team.delete',
  z.strictObject({ teamId: IdSchema, type: PlatformTypeSchema }),
  z.strictObject({ deleted: z.boolean() }),
);

/**
 * A synchronous connect (no redirect): the platform checks the credentials the product sent
 * (`{botToken, channel}` for Telegram, `{identifier, appPassword}` for Bluesky app passwords) and
 * the account is stored at once. `fields` carries them; they may be secrets and are never logged.
 */
export const OAuthDirectConnect = defineRpc(
  'oauth.direct.connect',
  z.strictObject({
    teamId: IdSchema,
    type: PlatformTypeSchema,
    memberId: IdSchema.nullable(),
    endUserId: z.string().max(200).nullable(),
    metadata: MetadataSchema,
    fields: z.record(z.string().max(50), z.string().max(5000)),
    reconnectConnectionId: IdSchema.nullable(),
  }),
  z.strictObject({ account: ConnectedAccountSchema }),
);

import { z } from 'zod';
import { IdSchema, IsoTimeSchema, MetadataSchema } from '../common';
import { AccountStatusSchema, PlatformTypeSchema } from '../platform';
import { defineRpc } from './define';

export const OAuthFlowStart = defineRpc(
  'oauth.flow.start',
  z.strictObject({
    teamId: IdSchema,
    type: PlatformTypeSchema,
    redirectUrl: z.url().max(2000),
    memberId: IdSchema.nullable(),
    endUserId: z.string().max(200).nullable(),
    metadata: MetadataSchema,
    scopes: z.array(z.string().max(200)).max(50),
    reconnectConnectionId: IdSchema.nullable(),
    /** The Mastodon instance the user named (validated and SSRF-checked by oauth). */
    serverUrl: z.string().max(500).nullable().optional(),
  }),
  z.strictObject({
    flowId: IdSchema,
    launchToken: z.string().min(20).max(200),
    expiresAt: IsoTimeSchema,
  }),
);

export const OAuthFlowLaunch = defineRpc(
  'oauth.flow.launch',
  z.strictObject({
    flowId: IdSchema,
    launchToken: z.string().min(1).max(200),
    browserId: z.string().min(20).max(200),
  }),
  z.strictObject({ authorizationUrl: z.url() }),
);

/** What the gateway needs to list the account at once (read-your-writes). */
export const ConnectedAccountSchema = z.strictObject({
  id: IdSchema,
  teamId: IdSchema,
  type: PlatformTypeSchema,
  externalId: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  status: AccountStatusSchema,
  memberId: IdSchema.nullable(),
  endUserId: z.string().nullable(),
  metadata: MetadataSchema,
  connectedAt: IsoTimeSchema,
  expiresAt: IsoTimeSchema.nullable(),
  credentialVersion: z.number().int().positive(),
});
export type ConnectedAccount = z.infer<typeof ConnectedAccountSchema>;

export const OAuthFlowComplete = defineRpc(
  'oauth.flow.complete',
  z.strictObject({
    /** The `:type` path segment as received; validated by the oauth service. */
    typeSegment: z.string().max(100),
    params: z.record(z.string().max(100), z.string().max(4096)),
    browserId: z.string().max(200).nullable(),
  }),
  z.strictObject({
    /** The product's redirectUrl with the outcome parameter, or null when no flow is known. */
    redirectUrl: z.string().nullable(),
    outcome: z.string().max(100),
    account: ConnectedAccountSchema.nullable(),
  }),
);

/**
 * A copy of a connection for another team (the gateway checked access, plan and policy): the
 * vault copies the credential, and the new connection is mapped and announced (`AccountConnected`)
 * like any other. What the gateway shows of the source account comes along.
 */
export const OAuthConnectionCopy = defineRpc(
  'oauth.connection.copy',
  z.strictObject({
    sourceConnectionId: IdSchema,
    sourceTeamId: IdSchema,
    connectionId: IdSchema,
    teamId: IdSchema,
    displayName: z.string().max(500),
    avatarUrl: z.string().max(2000).nullable(),
    endUserId: z.string().max(200).nullable(),
    metadata: MetadataSchema,
  }),
  ConnectedAccountSchema,
);

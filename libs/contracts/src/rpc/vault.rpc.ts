import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../common';
import { PlatformTypeSchema } from '../platform';
import { defineRpc } from './define';

const JsonValue = z.json();

/** Tokens entering the vault. The only message that ever carries a refresh token, inbound only. */
export const CredentialInputSchema = z.strictObject({
  accessToken: z.string().min(1).max(20_000),
  refreshToken: z.string().min(1).max(20_000).nullable(),
  tokenType: z.string().min(1).max(50),
  expiresAt: IsoTimeSchema.nullable(),
  refreshExpiresAt: IsoTimeSchema.nullable(),
  scopes: z.array(z.string().max(200)).max(100),
  /** Platform extras returned with the token (Page id, bot token…); stored encrypted. */
  extra: z.record(z.string().max(100), JsonValue),
});
export type CredentialInput = z.infer<typeof CredentialInputSchema>;

export const VaultCredentialsPut = defineRpc(
  'vault.credentials.put',
  z.strictObject({
    connectionId: IdSchema,
    teamId: IdSchema,
    type: PlatformTypeSchema,
    externalId: z.string().min(1).max(200),
    credential: CredentialInputSchema,
    /** The app the tokens were issued to (see `AppKeySchema`); absent: the deployment's app. */
    appKey: z
      .string()
      .regex(/^[a-z][a-z0-9-]{2,99}$/)
      .nullable()
      .optional(),
  }),
  z.strictObject({
    credentialVersion: z.number().int().positive(),
    expiresAt: IsoTimeSchema.nullable(),
    refreshable: z.boolean(),
    refreshExpiresAt: IsoTimeSchema.nullable(),
  }),
);

/**
 * Copies a connection's credential to a new connection in another team, inside the vault: the
 * tokens are opened and sealed again under a fresh data key bound to the target team and
 * connection, so the copy is independent (its own refreshes, its own shredding). Refused with
 * `rotating-grant-not-copyable` when the platform rotates refresh tokens: two holders of one
 * rotating refresh token would invalidate each other on their next refresh. Only oauth may call it.
 */
export const VaultCredentialsCopy = defineRpc(
  'vault.credentials.copy',
  z.strictObject({
    sourceConnectionId: IdSchema,
    sourceTeamId: IdSchema,
    connectionId: IdSchema,
    teamId: IdSchema,
  }),
  z.strictObject({
    credentialVersion: z.number().int().positive(),
    expiresAt: IsoTimeSchema.nullable(),
    refreshable: z.boolean(),
    refreshExpiresAt: IsoTimeSchema.nullable(),
    scopes: z.array(z.string().max(200)).max(100),
  }),
);

export const VaultTokenGet = defineRpc(
  'vault.token.get',
  z.strictObject({
    connectionId: IdSchema,
    teamId: IdSchema,
    purpose: z.string().min(1).max(100),
  }),
  z.strictObject({
    accessToken: z.string(),
    tokenType: z.string(),
    expiresAt: IsoTimeSchema.nullable(),
    scopes: z.array(z.string()),
    extra: z.record(z.string(), JsonValue),
  }),
);

export const RefreshOutcomeSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('refreshed'),
    credentialVersion: z.number().int().positive(),
    expiresAt: IsoTimeSchema.nullable(),
    refreshExpiresAt: IsoTimeSchema.nullable(),
    refreshable: z.boolean(),
    /** False when another caller's refresh was joined instead of calling the provider. */
    providerCalled: z.boolean(),
    /**
     * The id of the TokenRefreshed event this call published (only when it called the provider),
     * so the caller can record the event as handled together with its own write.
     */
    eventId: IdSchema.optional(),
  }),
  z.strictObject({
    outcome: z.literal('transient'),
    reason: z.string().max(500),
    retryAfterSeconds: z.number().nonnegative().nullable(),
    providerStatus: z.number().int().nullable(),
  }),
  z.strictObject({
    outcome: z.literal('reauth_required'),
    reason: z.string().max(500),
    providerStatus: z.number().int().nullable(),
  }),
  z.strictObject({
    outcome: z.literal('permission_lost'),
    reason: z.string().max(500),
    missingScopes: z.array(z.string()),
    providerStatus: z.number().int().nullable(),
  }),
]);
export type RefreshOutcome = z.infer<typeof RefreshOutcomeSchema>;

export const VaultRefresh = defineRpc(
  'vault.refresh',
  z.strictObject({
    connectionId: IdSchema,
    teamId: IdSchema,
    trigger: z.enum(['scheduled', 'manual']),
  }),
  RefreshOutcomeSchema,
);

export const VaultRevoke = defineRpc(
  'vault.revoke',
  z.strictObject({
    connectionId: IdSchema,
    teamId: IdSchema,
    by: z.enum(['team', 'provider']),
  }),
  z.strictObject({ providerRevoked: z.boolean() }),
);

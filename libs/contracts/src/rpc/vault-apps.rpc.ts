import { z } from 'zod';
import { PlatformTypeSchema } from '../platform';
import { defineRpc } from './define';

/**
 * Which developer app a credential was issued to: `team-<hex>` for a team's own app,
 * `mastodon-<hex>` for the app registered on one Mastodon instance. Absent: the deployment's app.
 * The refresh scheduler keys per-app rate budgets on it (`app:<type>/<appKey>`).
 */
export const AppKeySchema = z.string().regex(/^[a-z][a-z0-9-]{2,99}$/);

/**
 * An app's client credentials entering the vault, sealed there. Only the oauth service stores
 * them (a team's own app, an app registered on a Mastodon instance) and reads them back for its
 * own calls; the vault uses them for refreshes and revocations of credentials issued to the app.
 */
export const VaultAppPut = defineRpc(
  'vault.apps.put',
  z.strictObject({
    appKey: AppKeySchema,
    type: PlatformTypeSchema,
    clientId: z.string().min(1).max(500),
    clientSecret: z.string().min(1).max(2000),
    /** The server the app belongs to (a Mastodon instance's base URL); null for fixed hosts. */
    serverUrl: z.url().max(500).nullable(),
    /** Whether that server takes PKCE (Mastodon 4.3+). */
    pkce: z.boolean(),
  }),
  z.strictObject({ appKey: AppKeySchema, version: z.number().int().positive() }),
);

export const VaultAppGet = defineRpc(
  'vault.apps.get',
  z.strictObject({ appKey: AppKeySchema }),
  z.strictObject({
    appKey: AppKeySchema,
    type: PlatformTypeSchema,
    clientId: z.string(),
    clientSecret: z.string(),
    serverUrl: z.string().nullable(),
    pkce: z.boolean(),
  }),
);

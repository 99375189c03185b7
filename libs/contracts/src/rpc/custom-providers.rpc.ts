import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../common';
import { defineRpc } from './define';
import { AppKeySchema } from './vault-apps.rpc';

/** `<key>` of `CUSTOM_OAUTH2:<key>`: lower-case letters, digits and dashes, 1–40, not leading `-`. */
export const CustomProviderKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'key: 1-40 lower-case letters, digits or dashes');

const Url = z.string().min(1).max(2000);

/** What a team registers beside the client credentials (API.md `POST /api/v1/provider`). */
export const CustomProviderConfigSchema = z.strictObject({
  authorizationUrl: Url,
  tokenUrl: Url,
  revocationUrl: Url.nullable(),
  userInfoUrl: Url.nullable(),
  issuer: Url.nullable(),
  scopes: z.array(z.string().min(1).max(200)).max(50),
  scopeSeparator: z.string().min(1).max(3),
  clientAuth: z.enum(['basic', 'post']),
  pkce: z.boolean(),
});
export type CustomProviderConfig = z.infer<typeof CustomProviderConfigSchema>;

/** A registered provider as the API shows it: never the secret. */
export const CustomProviderViewSchema = CustomProviderConfigSchema.extend({
  teamId: IdSchema,
  key: CustomProviderKeySchema,
  type: z.string(),
  clientId: z.string(),
  /** The redirect URI to register at the provider. */
  redirectUri: z.string(),
  appKey: AppKeySchema,
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
});
export type CustomProviderView = z.infer<typeof CustomProviderViewSchema>;

const Secretless = z.strictObject({
  appKey: AppKeySchema,
  teamId: IdSchema,
  key: CustomProviderKeySchema,
  config: CustomProviderConfigSchema,
  clientId: z.string(),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
});

/** gateway → oauth: validate (URLs SSRF-checked) and register or replace. */
export const OAuthProviderRegister = defineRpc(
  'oauth.providers.register',
  z.strictObject({
    teamId: IdSchema,
    key: CustomProviderKeySchema,
    config: CustomProviderConfigSchema,
    clientId: z.string().min(1).max(500),
    clientSecret: z.string().min(1).max(2000),
  }),
  CustomProviderViewSchema,
);

export const OAuthProviderList = defineRpc(
  'oauth.providers.list',
  z.strictObject({ teamId: IdSchema }),
  z.strictObject({ items: z.array(CustomProviderViewSchema) }),
);

export const OAuthProviderDelete = defineRpc(
  'oauth.providers.delete',
  z.strictObject({ teamId: IdSchema, key: CustomProviderKeySchema }),
  z.strictObject({ deleted: z.boolean() }),
);

/** oauth → vault: the configuration and the sealed client secret, under the provider's app key. */
export const VaultProviderPut = defineRpc(
  'vault.providers.put',
  z.strictObject({
    appKey: AppKeySchema,
    teamId: IdSchema,
    key: CustomProviderKeySchema,
    config: CustomProviderConfigSchema,
    clientId: z.string().min(1).max(500),
    clientSecret: z.string().min(1).max(2000),
  }),
  Secretless,
);

/** oauth → vault: a provider with its secret, for a flow's authorization and code exchange. */
export const VaultProviderGet = defineRpc(
  'vault.providers.get',
  z.strictObject({ appKey: AppKeySchema }),
  Secretless.extend({ clientSecret: z.string(), deleted: z.boolean() }),
);

export const VaultProviderList = defineRpc(
  'vault.providers.list',
  z.strictObject({ teamId: IdSchema }),
  z.strictObject({ items: z.array(Secretless) }),
);

/** New flows stop; connections made with it keep refreshing and revoking with it. */
export const VaultProviderDelete = defineRpc(
  'vault.providers.delete',
  z.strictObject({ teamId: IdSchema, key: CustomProviderKeySchema }),
  z.strictObject({ deleted: z.boolean() }),
);

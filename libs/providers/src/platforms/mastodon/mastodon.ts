import type { AccountIdentity, ExchangeCodeParams, TokenSet } from '../../adapter';
import { stringField, type JsonValue } from '../../json';
import type { ErrorClassifierOverride, OAuth2ProviderConfig } from '../../oauth2/config';
import { OAuth2Adapter } from '../../oauth2/oauth2-adapter';
import type {
  ClientCredentials,
  InstanceContext,
  PlatformDefinition,
} from '../../platform-definition';
import { ProviderError } from '../../provider-error';
import {
  MASTODON_DEFAULT_SCOPES,
  MASTODON_PATHS,
  MASTODON_REQUIRED_SCOPES,
} from './mastodon-endpoints';

/**
 * `verify_credentials` → identity. Account ids are strings and only unique on their instance, so
 * the external id is `<id>@<host>`; the name shown is the display name, else `@user@host`.
 */
export function mastodonIdentity(serverUrl: string) {
  const host = new URL(serverUrl).host;
  return (account: JsonValue): AccountIdentity => {
    const id = stringField(account, 'id');
    if (id === null) {
      throw new ProviderError({
        kind: 'transient',
        message: 'MASTODON identify failed: verify_credentials answered without id',
      });
    }
    const username = stringField(account, 'username') ?? id;
    return {
      externalId: `${id}@${host}`,
      displayName: stringField(account, 'display_name') ?? `@${username}@${host}`,
      avatarUrl: stringField(account, 'avatar'),
    };
  };
}

/**
 * - 401 `The access token is invalid`: revoked or unknown token → reconnect.
 * - 403 `Your login is currently disabled` on the API: the account cannot act (suspended,
 *   unconfirmed) → permission lost, not a dead grant.
 */
export const mastodonClassifyError: ErrorClassifierOverride = (input) => {
  if (input.operation === 'identify' && input.status === 401) return 'reauth_required';
  if (input.operation === 'identify' && input.status === 403) return 'permission_lost';
  return null;
};

export function mastodonConfig(
  credentials: ClientCredentials,
  instance: InstanceContext,
): OAuth2ProviderConfig {
  const base = instance.serverUrl.replace(/\/+$/, '');
  return {
    type: 'MASTODON',
    authorizationEndpoint: `${base}${MASTODON_PATHS.authorization}`,
    tokenEndpoint: `${base}${MASTODON_PATHS.token}`,
    revocationEndpoint: `${base}${MASTODON_PATHS.revocation}`,
    userInfoEndpoint: `${base}${MASTODON_PATHS.verifyCredentials}`,
    issuer: null,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    // the documented form parameters
    clientAuth: 'post',
    pkce: instance.pkce ? 'S256' : 'none',
    scopeSeparator: ' ',
    requiredScopes: MASTODON_REQUIRED_SCOPES,
    defaultScopes: MASTODON_DEFAULT_SCOPES,
    refreshRotates: false,
    identify: mastodonIdentity(base),
    revokeTokenHint: { prefer: 'access_token', send: false },
    classifyError: mastodonClassifyError,
  };
}

/**
 * MASTODON — one app per instance (registered through `POST /api/v1/apps`, then reused), PKCE
 * S256 where the instance advertises it (4.3+), `client_secret_post`, access tokens without
 * expiry and no refresh token, revocation at `/oauth/revoke`. The instance's base URL is kept in
 * the token's `extra.serverUrl`: a product needs it to call the API.
 */
export class MastodonAdapter extends OAuth2Adapter {
  constructor(
    config: OAuth2ProviderConfig,
    deps: ConstructorParameters<typeof OAuth2Adapter>[1],
    private readonly serverUrl: string,
  ) {
    super(config, deps);
  }

  override async exchangeCode(params: ExchangeCodeParams): Promise<TokenSet> {
    const tokens = await super.exchangeCode(params);
    return { ...tokens, extra: { ...tokens.extra, serverUrl: this.serverUrl } };
  }

  override refresh(): Promise<TokenSet> {
    return Promise.reject(
      new ProviderError({
        kind: 'reauth_required',
        message: 'MASTODON issues no refresh token; the access token lives until revoked',
      }),
    );
  }
}

export const mastodonPlatform: PlatformDefinition = {
  type: 'MASTODON',
  app: 'instance',
  create: (context) => {
    if (!context.instance) {
      throw new ProviderError({
        kind: 'invalid_request',
        message: 'MASTODON needs the instance the user chose',
      });
    }
    const serverUrl = context.instance.serverUrl.replace(/\/+$/, '');
    return new MastodonAdapter(
      mastodonConfig(context.credentials, context.instance),
      { http: context.http, clock: context.clock },
      serverUrl,
    );
  },
};

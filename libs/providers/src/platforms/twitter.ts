import type { AccountIdentity } from '../adapter';
import { objectField, stringField, type JsonValue } from '../json';
import { OAuth2Adapter } from '../oauth2/oauth2-adapter';
import type { ErrorClassifierOverride, OAuth2ProviderConfig } from '../oauth2/config';
import type { ClientCredentials, PlatformDefinition } from '../platform-definition';
import { ProviderError } from '../provider-error';

/**
 * X (Twitter) — OAuth 2.0 Authorization Code with PKCE, as a confidential client.
 * Facts: shared/providers/meta-x-linkedin-tiktok-google.md §6 (docs.x.com, authorization-code.mdx).
 * - PKCE is required; the token endpoints take HTTP Basic, and X's docs also put `client_id` in
 *   the token-request body.
 * - A refresh token comes only with `offline.access`; access tokens live about 2 h (read
 *   `expires_in`); each refresh returns a new refresh token and kills the old one.
 * - The authorization code expires 30 s after it is issued: exchange it inside the callback.
 */
export const TWITTER_ENDPOINTS = {
  authorization: 'https://x.com/i/oauth2/authorize',
  token: 'https://api.x.com/2/oauth2/token',
  revocation: 'https://api.x.com/2/oauth2/revoke',
  userInfo: 'https://api.x.com/2/users/me?user.fields=profile_image_url',
} as const;

export const TWITTER_REQUIRED_SCOPES = ['tweet.read', 'users.read', 'offline.access'] as const;
/** Publishing needs `tweet.write`, media upload `media.write`. */
export const TWITTER_DEFAULT_SCOPES = [
  ...TWITTER_REQUIRED_SCOPES,
  'tweet.write',
  'media.write',
] as const;

/** `GET /2/users/me` → `{data: {id, name, username, profile_image_url}}`. */
export function twitterIdentity(userInfo: JsonValue): AccountIdentity {
  const data = objectField(userInfo, 'data');
  const id = stringField(data, 'id');
  if (id === null) {
    throw new ProviderError({
      kind: 'transient',
      message: 'TWITTER identify failed: /2/users/me answered without data.id',
    });
  }
  const username = stringField(data, 'username');
  return {
    externalId: id,
    displayName: stringField(data, 'name') ?? (username ? `@${username}` : id),
    avatarUrl: stringField(data, 'profile_image_url'),
  };
}

/**
 * - A refresh token X no longer accepts (rotated away, revoked) comes back as 400
 *   `invalid_request` "Value passed for the token was invalid" rather than `invalid_grant`
 *   (community-reported, unverified): the grant is dead, the user must reconnect.
 * - 403 `client-forbidden` means our app is not attached to a project or lacks access: our
 *   configuration, not the user's.
 */
export const twitterClassifyError: ErrorClassifierOverride = (input) => {
  const tokenWasInvalid = /token was invalid/i.test(input.description ?? '');
  if (
    input.operation === 'refresh' &&
    input.status === 400 &&
    input.providerCode === 'invalid_request' &&
    tokenWasInvalid
  ) {
    return 'reauth_required';
  }
  if (input.status === 403 && input.providerCode === 'client-forbidden') return 'transient';
  return null;
};

export function twitterConfig(
  credentials: ClientCredentials,
  endpoint: (realUrl: string) => string = (url) => url,
): OAuth2ProviderConfig {
  return {
    type: 'TWITTER',
    authorizationEndpoint: endpoint(TWITTER_ENDPOINTS.authorization),
    tokenEndpoint: endpoint(TWITTER_ENDPOINTS.token),
    revocationEndpoint: endpoint(TWITTER_ENDPOINTS.revocation),
    userInfoEndpoint: endpoint(TWITTER_ENDPOINTS.userInfo),
    issuer: null,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    clientAuth: 'basic',
    clientIdInTokenBody: true,
    pkce: 'S256',
    scopeSeparator: ' ',
    requiredScopes: TWITTER_REQUIRED_SCOPES,
    defaultScopes: TWITTER_DEFAULT_SCOPES,
    extraAuthorizeParams: {},
    refreshRotates: true,
    identify: twitterIdentity,
    revokeTokenHint: { prefer: 'refresh_token', send: true },
    classifyError: twitterClassifyError,
  };
}

export const twitterPlatform: PlatformDefinition = {
  type: 'TWITTER',
  create: (context) =>
    new OAuth2Adapter(twitterConfig(context.credentials, context.endpoint), context),
};

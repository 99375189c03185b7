import type { AccountIdentity } from '../../adapter';
import { stringField, type JsonValue } from '../../json';
import type { ClientCredentials, PlatformDefinition } from '../../platform-definition';
import type { OAuth2ProviderConfig } from '../../oauth2/config';
import { ProviderError } from '../../provider-error';
import { GRAPH_VERSION } from './facebook-login';
import { LongLivedTokenAdapter, idField, type LongLivedPlatformSpec } from './long-lived-adapter';

/**
 * Instagram API with Instagram Login (Business Login for Instagram). Facts:
 * shared/providers/meta-x-linkedin-tiktok-google.md §4; developers.facebook.com
 * instagram-platform reference pages `oauth-authorize`, `access_token`, `refresh_access_token`.
 * The Instagram app id and secret are not the Meta app's.
 */
export const INSTAGRAM_LOGIN_ENDPOINTS = {
  authorization: 'https://www.instagram.com/oauth/authorize',
  token: 'https://api.instagram.com/oauth/access_token',
  exchange: 'https://graph.instagram.com/access_token',
  refresh: 'https://graph.instagram.com/refresh_access_token',
  me: `https://graph.instagram.com/${GRAPH_VERSION}/me`,
} as const;

/** `instagram_business_basic` is required for every call, refreshes included. */
export const INSTAGRAM_LOGIN_REQUIRED_SCOPES = ['instagram_business_basic'] as const;
export const INSTAGRAM_LOGIN_DEFAULT_SCOPES = [
  ...INSTAGRAM_LOGIN_REQUIRED_SCOPES,
  'instagram_business_content_publish',
] as const;

/**
 * `GET /me?fields=user_id,username,name,account_type,profile_picture_url`: `user_id` is the
 * professional account's id. Only professional (Business, Creator) accounts work with this API;
 * a personal one is refused with the reason.
 */
export function instagramLoginIdentity(me: JsonValue): AccountIdentity {
  const id = idField(me, 'user_id') ?? idField(me, 'id');
  if (!id) {
    throw new ProviderError({
      kind: 'transient',
      message: 'INSTAGRAM_LOGIN identify failed: /me answered without user_id',
    });
  }
  const username = stringField(me, 'username');
  if (stringField(me, 'account_type')?.toUpperCase() === 'PERSONAL') {
    throw new ProviderError({
      kind: 'permission_lost',
      providerCode: 'personal-account',
      message: `INSTAGRAM_LOGIN: No Instagram Business account linked — ${username ? `@${username}` : 'this account'} is a personal account; switch it to a Business or Creator account and connect again`,
    });
  }
  return {
    externalId: id,
    displayName: stringField(me, 'name') ?? (username ? `@${username}` : id),
    avatarUrl: stringField(me, 'profile_picture_url'),
  };
}

const spec: LongLivedPlatformSpec = {
  endpoints: INSTAGRAM_LOGIN_ENDPOINTS,
  exchangeGrantType: 'ig_exchange_token',
  refreshGrantType: 'ig_refresh_token',
  meFields: 'user_id,username,name,account_type,profile_picture_url',
  codeForm: ({ clientId, clientSecret, code, redirectUri }) => ({
    client_id: clientId,
    client_secret: clientSecret,
    grant_type: 'authorization_code',
    redirect_uri: redirectUri,
    code,
  }),
  identity: instagramLoginIdentity,
};

export function instagramLoginConfig(
  credentials: ClientCredentials,
  endpoint: (realUrl: string) => string = (url) => url,
): OAuth2ProviderConfig {
  return {
    type: 'INSTAGRAM_LOGIN',
    authorizationEndpoint: endpoint(INSTAGRAM_LOGIN_ENDPOINTS.authorization),
    tokenEndpoint: endpoint(INSTAGRAM_LOGIN_ENDPOINTS.token),
    revocationEndpoint: null,
    userInfoEndpoint: null,
    issuer: null,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    clientAuth: 'post',
    pkce: 'none',
    scopeSeparator: ',',
    requiredScopes: INSTAGRAM_LOGIN_REQUIRED_SCOPES,
    defaultScopes: INSTAGRAM_LOGIN_DEFAULT_SCOPES,
    extraAuthorizeParams: {},
    refreshRotates: false,
    identify: instagramLoginIdentity,
  };
}

export const instagramLoginPlatform: PlatformDefinition = {
  type: 'INSTAGRAM_LOGIN',
  create: (context) =>
    new LongLivedTokenAdapter(
      instagramLoginConfig(context.credentials, context.endpoint),
      context,
      context.endpoint,
      spec,
    ),
};

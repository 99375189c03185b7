import type { AccountIdentity } from '../../adapter';
import { stringField, type JsonValue } from '../../json';
import type { OAuth2ProviderConfig } from '../../oauth2/config';
import type { ClientCredentials, PlatformDefinition } from '../../platform-definition';
import { ProviderError } from '../../provider-error';
import { LongLivedTokenAdapter, idField, type LongLivedPlatformSpec } from './long-lived-adapter';

/**
 * Threads API. Facts: shared/providers/meta-x-linkedin-tiktok-google.md §5; developers.facebook.com
 * docs/threads get-started, get-access-tokens-and-permissions, long-lived-tokens. The Threads app
 * id and secret are not the Meta app's.
 */
export const THREADS_ENDPOINTS = {
  authorization: 'https://threads.net/oauth/authorize',
  token: 'https://graph.threads.net/oauth/access_token',
  exchange: 'https://graph.threads.net/access_token',
  refresh: 'https://graph.threads.net/refresh_access_token',
  me: 'https://graph.threads.net/v1.0/me',
} as const;

/** `threads_basic` is required for every endpoint, refreshes included. */
export const THREADS_REQUIRED_SCOPES = ['threads_basic'] as const;
export const THREADS_DEFAULT_SCOPES = [
  ...THREADS_REQUIRED_SCOPES,
  'threads_content_publish',
] as const;

/** `GET /v1.0/me?fields=id,username,name,threads_profile_picture_url`. */
export function threadsIdentity(me: JsonValue): AccountIdentity {
  const id = idField(me, 'id');
  if (!id) {
    throw new ProviderError({
      kind: 'transient',
      message: 'THREADS identify failed: /me answered without an id',
    });
  }
  const username = stringField(me, 'username');
  return {
    externalId: id,
    displayName: stringField(me, 'name') ?? (username ? `@${username}` : id),
    avatarUrl: stringField(me, 'threads_profile_picture_url'),
  };
}

const spec: LongLivedPlatformSpec = {
  endpoints: THREADS_ENDPOINTS,
  exchangeGrantType: 'th_exchange_token',
  refreshGrantType: 'th_refresh_token',
  meFields: 'id,username,name,threads_profile_picture_url',
  codeForm: ({ clientId, clientSecret, code, redirectUri }) => ({
    client_id: clientId,
    client_secret: clientSecret,
    code,
    grant_type: 'authorization_code',
    redirect_uri: redirectUri,
  }),
  identity: threadsIdentity,
};

export function threadsConfig(
  credentials: ClientCredentials,
  endpoint: (realUrl: string) => string = (url) => url,
): OAuth2ProviderConfig {
  return {
    type: 'THREADS',
    authorizationEndpoint: endpoint(THREADS_ENDPOINTS.authorization),
    tokenEndpoint: endpoint(THREADS_ENDPOINTS.token),
    revocationEndpoint: null,
    userInfoEndpoint: null,
    issuer: null,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    clientAuth: 'post',
    // "PKCE (code_challenge) is not in the docs": not sent.
    pkce: 'none',
    scopeSeparator: ',',
    requiredScopes: THREADS_REQUIRED_SCOPES,
    defaultScopes: THREADS_DEFAULT_SCOPES,
    extraAuthorizeParams: {},
    refreshRotates: false,
    identify: threadsIdentity,
  };
}

export const threadsPlatform: PlatformDefinition = {
  type: 'THREADS',
  create: (context) =>
    new LongLivedTokenAdapter(
      threadsConfig(context.credentials, context.endpoint),
      context,
      context.endpoint,
      spec,
    ),
};

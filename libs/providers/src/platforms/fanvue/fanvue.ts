import type { AccountIdentity, RevokeParams } from '../../adapter';
import { stringField, type JsonValue } from '../../json';
import type { ErrorClassifierOverride, OAuth2ProviderConfig } from '../../oauth2/config';
import { OAuth2Adapter } from '../../oauth2/oauth2-adapter';
import type { ClientCredentials, PlatformDefinition } from '../../platform-definition';
import { isProviderError, ProviderError } from '../../provider-error';
import { withRequestHeaders } from '../shared/request-headers';

/**
 * Fanvue (shared/providers/pinterest-…-fanvue.md §8: api.fanvue.com/docs authentication pages,
 * fanvue/fanvue-app-starter `src/lib/oauth.ts`). Every URL goes through the platform context's
 * `endpoint()` so the sandbox and `FANVUE_BASE_URL` work.
 */
export const FANVUE_ENDPOINTS = {
  authorization: 'https://auth.fanvue.com/oauth2/auth',
  token: 'https://auth.fanvue.com/oauth2/token',
  /**
   * Undocumented (unverified): `/oauth2/auth` and `/oauth2/token` are Ory Hydra's paths, and this
   * is Hydra's RFC 7009 endpoint. A 404 there means "no revocation" (`{revoked: false}`).
   */
  revocation: 'https://auth.fanvue.com/oauth2/revoke',
  me: 'https://api.fanvue.com/users/me',
} as const;

/**
 * The starter's "do not remove these, your app won't work without them" (`openid offline_access
 * offline`: a refresh token) and `read:self` for `/users/me`. Fanvue refuses scopes the app did
 * not select in its developer UI, so nothing else is asked by default; a product adds
 * `write:post`, `write:media`… through `scopes`.
 */
export const FANVUE_REQUIRED_SCOPES = ['openid', 'offline_access', 'offline', 'read:self'] as const;
export const FANVUE_DEFAULT_SCOPES = FANVUE_REQUIRED_SCOPES;

/** The API version header Fanvue's policy defines (whether it is required is unverified). */
export const FANVUE_API_VERSION = '2025-06-26';

/**
 * `GET /users/me` → `uuid` (the account id, documented) and the profile fields; `displayName`,
 * `handle` and `avatarUrl` are read when present (names unverified).
 */
export function fanvueIdentity(me: JsonValue): AccountIdentity {
  const uuid = stringField(me, 'uuid');
  if (uuid === null) {
    throw new ProviderError({
      kind: 'transient',
      message: 'FANVUE identify failed: /users/me answered without uuid',
    });
  }
  const handle = stringField(me, 'handle');
  return {
    externalId: uuid,
    displayName: stringField(me, 'displayName') ?? (handle ? `@${handle}` : uuid),
    avatarUrl: stringField(me, 'avatarUrl'),
  };
}

/** 403 from the API is a missing scope ("A missing scope gives 403"). */
export const fanvueClassifyError: ErrorClassifierOverride = (input) =>
  input.operation === 'identify' && input.status === 403 ? 'permission_lost' : null;

export function fanvueConfig(
  credentials: ClientCredentials,
  endpoint: (realUrl: string) => string = (url) => url,
): OAuth2ProviderConfig {
  return {
    type: 'FANVUE',
    authorizationEndpoint: endpoint(FANVUE_ENDPOINTS.authorization),
    tokenEndpoint: endpoint(FANVUE_ENDPOINTS.token),
    revocationEndpoint: endpoint(FANVUE_ENDPOINTS.revocation),
    userInfoEndpoint: endpoint(FANVUE_ENDPOINTS.me),
    issuer: null,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    clientAuth: 'basic',
    // The official starter sends `client_id` in the token bodies beside the Basic header.
    clientIdInTokenBody: true,
    pkce: 'S256',
    scopeSeparator: ' ',
    requiredScopes: FANVUE_REQUIRED_SCOPES,
    defaultScopes: FANVUE_DEFAULT_SCOPES,
    extraAuthorizeParams: {},
    refreshRotates: true,
    identify: fanvueIdentity,
    revokeTokenHint: { prefer: 'refresh_token', send: true },
    classifyError: fanvueClassifyError,
  };
}

/**
 * FANVUE — OAuth 2.0 with PKCE S256 (required), HTTP Basic, one-hour access tokens, and refresh
 * tokens that rotate and are single use "with reuse detection": presenting one twice revokes the
 * grant, so a refresh is never retried with a token that may already have been used.
 */
export class FanvueAdapter extends OAuth2Adapter {
  override async revoke(params: RevokeParams): Promise<{ revoked: boolean }> {
    try {
      return await super.revoke(params);
    } catch (error) {
      if (isProviderError(error) && (error.status === 404 || error.status === 405)) {
        return { revoked: false };
      }
      throw error;
    }
  }
}

export const fanvuePlatform: PlatformDefinition = {
  type: 'FANVUE',
  create: (context) => {
    const me = context.endpoint(FANVUE_ENDPOINTS.me);
    return new FanvueAdapter(fanvueConfig(context.credentials, context.endpoint), {
      clock: context.clock,
      // The API takes a version header; the authorization server is not the API.
      http: withRequestHeaders(
        context.http,
        { 'x-fanvue-api-version': FANVUE_API_VERSION },
        (url) => url === me,
      ),
    });
  },
};

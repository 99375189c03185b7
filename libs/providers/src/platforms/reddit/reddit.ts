import type { AccountIdentity } from '../../adapter';
import type { HttpResponse } from '../../http';
import { stringField, type JsonValue } from '../../json';
import type { ErrorClassifierOverride, OAuth2ProviderConfig } from '../../oauth2/config';
import { OAuth2Adapter } from '../../oauth2/oauth2-adapter';
import type { ClientCredentials, PlatformDefinition } from '../../platform-definition';
import { ProviderError, type ProviderOperation } from '../../provider-error';
import { withRequestHeaders } from '../shared/request-headers';
import {
  REDDIT_DEFAULT_SCOPES,
  REDDIT_ENDPOINTS,
  REDDIT_REQUIRED_SCOPES,
} from './reddit-endpoints';
import { redditUserAgent } from './reddit-user-agent';

/**
 * `GET /api/v1/me` → `{id (base36, without "t2_"), name, icon_img, snoovatar_img}`. Reddit
 * HTML-escapes `&` in the image URLs it returns.
 */
export function redditIdentity(me: JsonValue): AccountIdentity {
  const id = stringField(me, 'id');
  if (id === null) {
    throw new ProviderError({
      kind: 'transient',
      message: 'REDDIT identify failed: /api/v1/me answered without id',
    });
  }
  const name = stringField(me, 'name');
  const icon = stringField(me, 'snoovatar_img') ?? stringField(me, 'icon_img');
  return {
    externalId: id,
    displayName: name ? `u/${name}` : id,
    avatarUrl: icon ? icon.replace(/&amp;/g, '&') : null,
  };
}

/**
 * - Reddit answers 401 at the token endpoints when the Basic credentials are wrong: our app's
 *   configuration, never the user's (a dead grant is `invalid_grant`).
 * - 403 from the API (`{"message": "Forbidden", "error": 403}`): the token lacks the scope.
 */
export const redditClassifyError: ErrorClassifierOverride = (input) => {
  if (input.status === 401 && input.operation !== 'identify') return 'transient';
  if (input.status === 403 && input.operation === 'identify') return 'permission_lost';
  return null;
};

export function redditConfig(
  credentials: ClientCredentials,
  endpoint: (realUrl: string) => string = (url) => url,
): OAuth2ProviderConfig {
  return {
    type: 'REDDIT',
    authorizationEndpoint: endpoint(REDDIT_ENDPOINTS.authorization),
    tokenEndpoint: endpoint(REDDIT_ENDPOINTS.token),
    revocationEndpoint: endpoint(REDDIT_ENDPOINTS.revocation),
    userInfoEndpoint: endpoint(REDDIT_ENDPOINTS.me),
    issuer: null,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    clientAuth: 'basic',
    pkce: 'none',
    scopeSeparator: ' ',
    requiredScopes: REDDIT_REQUIRED_SCOPES,
    defaultScopes: REDDIT_DEFAULT_SCOPES,
    // Without `permanent` Reddit issues no refresh token.
    extraAuthorizeParams: { duration: 'permanent' },
    refreshRotates: false,
    identify: redditIdentity,
    revokeTokenHint: { prefer: 'refresh_token', send: true },
    classifyError: redditClassifyError,
  };
}

/**
 * REDDIT — HTTP Basic (required), no PKCE, `duration=permanent`, one-hour access tokens and a
 * refresh token that lives until revoked and does not rotate (a refresh answer carries none:
 * the one held stays). Revoking the refresh token ends the grant; Reddit answers 204 even for a
 * token it does not know (RFC 7009). Every request carries `redditUserAgent`.
 */
export class RedditAdapter extends OAuth2Adapter {
  /** Reddit's `x-ratelimit-reset` counts seconds to the window's end (not a Unix time). */
  protected override classify(
    response: HttpResponse,
    operation: ProviderOperation,
    secrets: readonly string[],
  ): ProviderError {
    const error = super.classify(response, operation, secrets);
    const reset = response.headers.get('x-ratelimit-reset')?.trim();
    if (response.status !== 429 || error.retryAfterSeconds !== null || !reset) return error;
    if (!/^\d+(\.\d+)?$/.test(reset)) return error;
    return new ProviderError({
      kind: error.kind,
      message: error.message,
      status: error.status,
      providerCode: error.providerCode,
      retryAfterSeconds: Math.ceil(Number(reset)),
      missingScopes: error.missingScopes,
    });
  }
}

export const redditPlatform: PlatformDefinition = {
  type: 'REDDIT',
  create: (context) =>
    new RedditAdapter(redditConfig(context.credentials, context.endpoint), {
      clock: context.clock,
      http: withRequestHeaders(context.http, {
        'user-agent': redditUserAgent(context.env, context.credentials.clientId),
      }),
    }),
};

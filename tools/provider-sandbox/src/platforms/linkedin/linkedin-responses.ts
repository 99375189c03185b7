import type { HttpReply } from '../../core/http-reply';
import type { OAuthError } from '../../core/oauth/oauth-error';
import { rfc6749ErrorReply } from '../../core/oauth/rfc-responses';
import type { IssuedTokens, PlatformResponses } from '../../core/platform';
import type { TokenOutcome } from '../support/token-call';

/** LinkedIn's API error envelope (learn.microsoft.com/linkedin … error-handling). */
export function linkedinApiError(
  status: number,
  message: string,
  extra: { serviceErrorCode?: number; code?: string } = {},
  headers: Record<string, string> = {},
): HttpReply {
  return { status, headers, body: { status, ...extra, message } };
}

export type RefusedToken = 'missing' | 'invalid' | 'expired' | 'revoked';

/** The 401s LinkedIn answers for a token it will not take, one per reason. */
export function linkedinUnauthorized(reason: RefusedToken): HttpReply {
  switch (reason) {
    case 'missing':
      return linkedinApiError(401, 'Empty oauth2_access_token', { serviceErrorCode: 401 });
    case 'invalid':
      return linkedinApiError(401, 'Invalid access token', {
        serviceErrorCode: 65600,
        code: 'INVALID_ACCESS_TOKEN',
      });
    case 'expired':
      return linkedinApiError(401, 'The token used in the request has expired', {
        serviceErrorCode: 65602,
        code: 'EXPIRED_ACCESS_TOKEN',
      });
    case 'revoked':
      return linkedinApiError(401, 'The token used in the request has been revoked by the user', {
        serviceErrorCode: 65601,
        code: 'REVOKED_ACCESS_TOKEN',
      });
  }
}

export function linkedinForbidden(resource: string): HttpReply {
  return linkedinApiError(403, `Not enough permissions to access: ${resource}`, {
    serviceErrorCode: 100,
    code: 'ACCESS_DENIED',
  });
}

/**
 * LinkedIn's token answer: `scope` comma-separated; with programmatic refresh, `refresh_token`
 * and `refresh_token_expires_in` — after a refresh the same refresh token with what is left of
 * its fixed lifetime.
 */
export function linkedinTokenBody(
  issued: IssuedTokens,
  kept: TokenOutcome['keptRefreshToken'],
): Record<string, unknown> {
  const refresh =
    issued.refreshToken === null
      ? kept
      : { token: issued.refreshToken, expiresIn: issued.refreshExpiresIn };
  return {
    access_token: issued.accessToken,
    expires_in: issued.accessExpiresIn,
    ...(refresh === null
      ? {}
      : {
          refresh_token: refresh.token,
          ...(refresh.expiresIn === null ? {} : { refresh_token_expires_in: refresh.expiresIn }),
        }),
    scope: issued.scopes.join(','),
    token_type: 'Bearer',
  };
}

/**
 * LinkedIn's token endpoint does not say `invalid_grant`: a bad code and a dead refresh token are
 * both 400 `invalid_request`, told apart only by the description.
 */
export function linkedinTokenError(error: OAuthError): HttpReply {
  if (error.error !== 'invalid_grant') return rfc6749ErrorReply(error);
  const codeProblem =
    /code|redirect_uri|verifier/i.test(error.description) && !/refresh/i.test(error.description);
  return {
    status: 400,
    body: {
      error: 'invalid_request',
      error_description: codeProblem
        ? 'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists'
        : 'The provided authorization grant or refresh token is invalid, expired or revoked',
    },
  };
}

export const LINKEDIN_RESPONSES: PlatformResponses = {
  token: (tokens) => linkedinTokenBody(tokens, null),
  tokenError: linkedinTokenError,
  revoked: () => ({ status: 200 }),
  unauthorized: () => linkedinUnauthorized('invalid'),
  forbidden: () => linkedinForbidden('userinfo.GET.NO_VERSION'),
  // LinkedIn documents the 429 message but no rate-limit headers; the sandbox adds Retry-After.
  rateLimited: (retryAfterSeconds) =>
    linkedinApiError(
      429,
      'Resource level throttle limit for calls to this resource is reached.',
      {},
      { 'retry-after': String(retryAfterSeconds) },
    ),
  serverError: () => linkedinApiError(500, 'Internal Server Error'),
};

import type { HttpReply } from '../../core/http-reply';
import type { OAuthError } from '../../core/oauth/oauth-error';
import type { PlatformResponses } from '../../core/platform';

export interface GoogleErrorItem {
  readonly message: string;
  readonly domain: string;
  readonly reason: string;
  readonly location?: string;
  readonly locationType?: string;
}

/** Google's API error envelope: `{"error": {code, message, errors, status, details?}}`. */
export function googleApiError(
  code: number,
  status: string,
  message: string,
  errors: readonly GoogleErrorItem[] = [],
  headers: Record<string, string> = {},
  details?: readonly unknown[],
): HttpReply {
  return {
    status: code,
    headers,
    body: {
      error: {
        code,
        message,
        ...(errors.length > 0 ? { errors } : {}),
        status,
        ...(details === undefined ? {} : { details }),
      },
    },
  };
}

export function googleUnauthenticated(): HttpReply {
  return googleApiError(
    401,
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    [
      {
        message: 'Invalid Credentials',
        domain: 'global',
        reason: 'authError',
        location: 'Authorization',
        locationType: 'header',
      },
    ],
    { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
  );
}

/** 403 with the scope a call needed in `WWW-Authenticate`, as Google sends it. */
export function googleInsufficientScopes(needed: readonly string[]): HttpReply {
  return googleApiError(
    403,
    'PERMISSION_DENIED',
    'Request had insufficient authentication scopes.',
    [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
    {
      'www-authenticate': `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${needed.join(' ')}"`,
    },
    [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
        domain: 'googleapis.com',
      },
    ],
  );
}

/**
 * The token endpoint's RFC 6749 errors with Google's wording: a dead refresh token is
 * `invalid_grant` "Token has been expired or revoked.", a bad code `invalid_grant` "Bad Request".
 */
export function googleTokenError(error: OAuthError): HttpReply {
  const description = (): string => {
    if (error.error === 'invalid_client') return 'Unauthorized';
    if (error.error !== 'invalid_grant') return error.description;
    const codeProblem =
      /code|redirect_uri|verifier/i.test(error.description) && !/refresh/i.test(error.description);
    return codeProblem ? 'Bad Request' : 'Token has been expired or revoked.';
  };
  return {
    status: error.status,
    body: { error: error.error, error_description: description() },
  };
}

export const GOOGLE_RESPONSES: Omit<PlatformResponses, 'token'> = {
  tokenError: googleTokenError,
  revoked: () => ({ status: 200 }),
  unauthorized: googleUnauthenticated,
  forbidden: googleInsufficientScopes,
  rateLimited: (retryAfterSeconds) =>
    googleApiError(
      429,
      'RESOURCE_EXHAUSTED',
      'Quota exceeded for quota metric and limit of the service.',
      [{ message: 'Rate Limit Exceeded', domain: 'global', reason: 'rateLimitExceeded' }],
      { 'retry-after': String(retryAfterSeconds) },
    ),
  serverError: () => googleApiError(500, 'INTERNAL', 'Internal error encountered.'),
};

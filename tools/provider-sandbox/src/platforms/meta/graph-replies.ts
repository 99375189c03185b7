import { randomBytes } from 'node:crypto';

import type { HttpReply } from '../../core/http-reply';
import type { OAuthError } from '../../core/oauth/oauth-error';
import type { PlatformResponses } from '../../core/platform';

export interface GraphErrorOptions {
  readonly subcode?: number;
  readonly isTransient?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Meta's Graph API error envelope:
 * `{"error": {"message", "type": "OAuthException", "code", "error_subcode", "is_transient", "fbtrace_id"}}`.
 */
export function graphError(
  status: number,
  code: number,
  message: string,
  options: GraphErrorOptions = {},
): HttpReply {
  return {
    status,
    headers: {
      ...(code === 190
        ? {
            'www-authenticate': `OAuth "Facebook Platform" "invalid_token" "${message.replace(/"/g, "'")}"`,
          }
        : {}),
      ...options.headers,
    },
    body: {
      error: {
        message,
        type: 'OAuthException',
        code,
        ...(options.subcode === undefined ? {} : { error_subcode: options.subcode }),
        ...(options.isTransient === undefined ? {} : { is_transient: options.isTransient }),
        fbtrace_id: randomBytes(8).toString('base64url'),
      },
    },
  };
}

/** The flat envelope of `api.instagram.com` / `graph.threads.net` code exchanges. */
export function oauthExceptionReply(message: string): HttpReply {
  return { status: 400, body: { error_type: 'OAuthException', code: 400, error_message: message } };
}

export const invalidTokenReply = (): HttpReply =>
  graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');

export const missingTokenReply = (): HttpReply =>
  graphError(
    400,
    2500,
    'An active access token must be used to query information about the current user.',
  );

export const expiredTokenReply = (expiredAt: number, now: number): HttpReply =>
  graphError(
    400,
    190,
    `Error validating access token: Session has expired on ${new Date(expiredAt).toUTCString()}. The current time is ${new Date(now).toUTCString()}.`,
    { subcode: 463 },
  );

export const appRemovedReply = (clientId: string): HttpReply =>
  graphError(
    400,
    190,
    `Error validating access token: The user has not authorized application ${clientId}.`,
    {
      subcode: 458,
    },
  );

export const tokenInvalidatedReply = (): HttpReply =>
  graphError(
    400,
    190,
    'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
    { subcode: 460 },
  );

export const pageRoleLostReply = (): HttpReply =>
  graphError(
    400,
    190,
    'Error validating access token: The user is not an administrator of the page and has no role on it.',
    { subcode: 492 },
  );

export const permissionReply = (permission: string): HttpReply =>
  graphError(403, 10, `(#10) This endpoint requires the '${permission}' permission.`);

export const unknownObjectReply = (id: string): HttpReply =>
  graphError(
    400,
    100,
    `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    { subcode: 33 },
  );

export const invalidParameterReply = (message: string): HttpReply =>
  graphError(400, 100, `(#100) ${message}`);

/** A made-up business object id for the usage header: one per sandbox app is enough. */
const SANDBOX_BUSINESS_OBJECT = '100000000000001';

/**
 * Throttling as Meta answers it: an error code (4: the app's limit), no `Retry-After`, and the
 * usage headers — `X-App-Usage` at 100% and `X-Business-Use-Case-Usage` whose
 * `estimated_time_to_regain_access` (minutes) says when calls work again.
 */
export function throttledReply(bucType: string, retryAfterSeconds: number): HttpReply {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return graphError(400, 4, '(#4) Application request limit reached', {
    isTransient: true,
    headers: {
      'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 34, total_time: 61 }),
      'x-business-use-case-usage': JSON.stringify({
        [SANDBOX_BUSINESS_OBJECT]: [
          {
            type: bucType,
            call_count: 100,
            total_cputime: 34,
            total_time: 61,
            estimated_time_to_regain_access: minutes,
          },
        ],
      }),
    },
  });
}

/** What a successful Graph call reports about usage. */
export const LOW_USAGE_HEADERS: Readonly<Record<string, string>> = {
  'x-app-usage': JSON.stringify({ call_count: 1, total_cputime: 1, total_time: 1 }),
};

/** OAuth errors of the shared machinery (and injected faults) in Meta's envelope. */
function oauthErrorAsGraph(error: OAuthError): HttpReply {
  switch (error.error) {
    case 'invalid_grant':
      return graphError(400, 190, `Error validating access token: ${error.description}`, {
        subcode: 463,
      });
    case 'invalid_client':
    case 'unauthorized_client':
      return graphError(400, 1, 'Error validating client secret.');
    case 'access_denied':
      return graphError(403, 10, `(#10) ${error.description}`);
    case 'server_error':
      return graphError(500, 1, 'An unknown error has occurred.', { isTransient: true });
    case 'temporarily_unavailable':
      return graphError(
        503,
        2,
        'An unexpected error has occurred. Please retry your request later.',
        {
          isTransient: true,
        },
      );
    case 'invalid_request':
    case 'invalid_scope':
    case 'unsupported_grant_type':
    case 'unsupported_response_type':
      return invalidParameterReply(error.description);
  }
}

/** The response renderers every Meta platform shares (`bucType`: the usage header's `type`). */
export function metaResponses(bucType: string): PlatformResponses {
  return {
    token: (tokens) => ({
      access_token: tokens.accessToken,
      token_type: 'bearer',
      expires_in: tokens.accessExpiresIn,
    }),
    tokenError: oauthErrorAsGraph,
    revoked: () => ({ status: 200, body: { success: true } }),
    unauthorized: invalidTokenReply,
    forbidden: (missing) => permissionReply(missing[0] ?? 'public_profile'),
    rateLimited: (retryAfterSeconds) => throttledReply(bucType, retryAfterSeconds),
    serverError: () => graphError(500, 1, 'An unknown error has occurred.', { isTransient: true }),
  };
}

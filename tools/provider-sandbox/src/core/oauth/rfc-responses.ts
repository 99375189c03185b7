import type { HttpReply } from '../http-reply';
import type { OAuthError } from './oauth-error';

/** RFC 6749 5.2 error body; `invalid_client` with a 401 names the Basic scheme. */
export function rfc6749ErrorReply(error: OAuthError): HttpReply {
  return {
    status: error.status,
    headers: error.status === 401 ? { 'www-authenticate': 'Basic realm="provider-sandbox"' } : {},
    body: { error: error.error, error_description: error.description },
  };
}

/** RFC 6750 3.1 errors for API calls. */
export function rfc6750ErrorReply(
  status: 401 | 403,
  error: 'invalid_token' | 'insufficient_scope',
  description: string,
): HttpReply {
  return {
    status,
    headers: {
      'www-authenticate': `Bearer realm="provider-sandbox", error="${error}", error_description="${description}"`,
    },
    body: { error, error_description: description },
  };
}

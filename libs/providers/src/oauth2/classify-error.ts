import type { HttpResponse } from '../http';
import { ProviderError, type ProviderErrorKind, type ProviderOperation } from '../provider-error';
import { safeCode, safeDetail } from '../redact';
import { retryAfterSeconds } from '../retry-after';
import type { ErrorClassifierOverride } from './config';
import { errorDetails } from './error-details';

export interface ClassifyContext {
  /** The platform type, for messages. */
  provider: string;
  operation: ProviderOperation;
  now: Date;
  /** Every secret the request carried; redacted from anything quoted from the provider. */
  secrets: readonly string[];
  override?: ErrorClassifierOverride;
}

const REAUTH_CODES = new Set(['invalid_grant', 'invalid_token']);
const SCOPE_CODES = new Set(['invalid_scope', 'insufficient_scope']);
const CLIENT_CODES = new Set(['invalid_client', 'unauthorized_client']);

/**
 * Turns a provider's error answer into a ProviderError:
 *
 * | answer | kind |
 * |---|---|
 * | 429 (Retry-After / x-rate-limit-reset honoured), 5xx, unreadable body | transient |
 * | `invalid_grant`, `invalid_token` (any status, even a 200 carrying an error) | reauth_required |
 * | `invalid_scope`, `insufficient_scope` | permission_lost |
 * | `invalid_client`, `unauthorized_client` (our app's configuration) | transient |
 * | 3xx, or a 2xx carrying another error | transient |
 * | 401 from the user-info endpoint | reauth_required |
 * | any other 4xx | invalid_request |
 *
 * A platform's `override` sees the same input and may pick another kind.
 */
export function classifyErrorResponse(
  response: HttpResponse,
  context: ClassifyContext,
): ProviderError {
  const { status } = response;
  const body = response.body.kind === 'json' ? response.body.value : null;
  const details = errorDetails(body, response.headers.get('www-authenticate'));
  const code = details.code;
  const kind =
    context.override?.({
      operation: context.operation,
      status,
      providerCode: code,
      description: details.description,
      body,
    }) ?? defaultKind(status, code, response.body.kind === 'unparsable', context.operation);

  const providerCode = code === null ? null : safeCode(code, context.secrets);
  const description = details.description ? safeDetail(details.description, context.secrets) : null;
  const parts = [`${context.provider} ${context.operation} failed: HTTP ${status}`];
  if (providerCode) parts.push(` ${providerCode}`);
  if (description) parts.push(`: ${description}`);
  if (response.body.kind === 'unparsable') parts.push(' (unreadable response body)');
  if (code !== null && CLIENT_CODES.has(code)) {
    parts.push(
      ` — the provider rejected Switchboard's client credentials for ${context.provider}` +
        ' (client id/secret, redirect URI or app settings); the user need not reconnect',
    );
  }
  return new ProviderError({
    kind,
    message: parts.join(''),
    status,
    providerCode,
    retryAfterSeconds: retryAfterSeconds(response.headers, context.now),
    missingScopes: kind === 'permission_lost' ? details.scopes : [],
  });
}

function defaultKind(
  status: number,
  code: string | null,
  unparsable: boolean,
  operation: ProviderOperation,
): ProviderErrorKind {
  if (status === 429 || status >= 500 || unparsable) return 'transient';
  if (code !== null && REAUTH_CODES.has(code)) return 'reauth_required';
  if (code !== null && SCOPE_CODES.has(code)) return 'permission_lost';
  if (code !== null && CLIENT_CODES.has(code)) return 'transient';
  // A redirect, or a 2xx carrying an error we do not know: nothing says the grant is bad.
  if (status < 400) return 'transient';
  if (status === 401 && operation === 'identify') return 'reauth_required';
  return 'invalid_request';
}

import type { HttpResponse } from '../../http';
import { isJsonObject, type JsonValue } from '../../json';
import { classifyErrorResponse, type ClassifyContext } from '../../oauth2/classify-error';
import { ProviderError, type ProviderErrorKind } from '../../provider-error';
import { safeCode, safeDetail } from '../../redact';
import { retryAfterSeconds } from '../../retry-after';
import { usageRetryAfterSeconds } from './usage-headers';

/**
 * A Meta error answer, from either envelope Meta uses:
 * - Graph API (graph.facebook.com, graph.instagram.com, graph.threads.net):
 *   `{"error": {"message", "type", "code", "error_subcode", "is_transient", "fbtrace_id"}}`;
 * - the Instagram and Threads code-exchange endpoints:
 *   `{"error_type": "OAuthException", "code": 400, "error_message": "…"}`.
 */
export interface GraphError {
  code: number | null;
  subcode: number | null;
  type: string | null;
  /** Unredacted: read it, never put it in a message unfiltered. */
  message: string | null;
  isTransient: boolean;
}

export function graphError(body: JsonValue | null): GraphError | null {
  if (!isJsonObject(body)) return null;
  const nested = body['error'];
  if (isJsonObject(nested)) {
    return {
      code: intOf(nested['code']),
      subcode: intOf(nested['error_subcode']),
      type: stringOf(nested['type']),
      message: stringOf(nested['message']),
      isTransient: nested['is_transient'] === true,
    };
  }
  if (typeof body['error_type'] === 'string' || typeof body['error_message'] === 'string') {
    return {
      code: intOf(body['code']),
      subcode: intOf(body['error_subcode']),
      type: stringOf(body['error_type']),
      message: stringOf(body['error_message']),
      isTransient: false,
    };
  }
  return null;
}

/**
 * `190` with these subcodes: the token is fine but the person must fix their Facebook account
 * first (459 checkpoint, 464 unconfirmed: "log in at facebook.com to correct an issue"). No
 * reconnect is needed and retrying cannot help until they act: the platform refuses for another
 * reason, which is what `permission_lost` (status ERROR) says.
 */
const USER_ACTION_SUBCODES = new Set([459, 464]);
/** Throttling: 4 app, 17 user, 32 Page, 613 custom; 80001–80014 Business Use Case limits. */
const THROTTLE_CODES = new Set([4, 17, 32, 613]);
/** The authorization code expired (36007) or was used (36009): the user must consent again. */
const CODE_GONE_SUBCODES = new Set([36007, 36009]);

/**
 * What to do about a Meta error:
 *
 * | error | kind |
 * |---|---|
 * | 190 with 458 / 460 / 463 / 467 / 492, 190 or 102 without a subcode | reauth_required |
 * | 190 with 459 / 464 (checkpoint, unconfirmed account) | permission_lost |
 * | 10, 200–299 (permission missing or removed), 100/33 (object hidden by a lost permission) | permission_lost |
 * | 4, 17, 32, 613, 80001–80014 (rate limits), 1, 2, `is_transient` | transient |
 * | 100/36007, 100/36009 (authorization code expired or used) | reauth_required |
 * | 101, or 1 "Error validating client secret" (our app's credentials), 3 (app capability) | transient |
 * | anything else | the generic OAuth 2.0 rules (5xx transient, other 4xx invalid_request) |
 */
export function graphErrorKind(error: GraphError): ProviderErrorKind | null {
  const { code, subcode } = error;
  // 458 app removed, 460 password changed, 463 expired, 467 invalid, 492 Page role gone, or any
  // other subcode: Meta's rule for 190 is "get a new access token".
  if (code === 190) {
    return subcode !== null && USER_ACTION_SUBCODES.has(subcode)
      ? 'permission_lost'
      : 'reauth_required';
  }
  if (code === 102 && subcode === null) return 'reauth_required';
  if (code === 10 || (code !== null && code >= 200 && code <= 299)) return 'permission_lost';
  if (code !== null && (THROTTLE_CODES.has(code) || (code >= 80001 && code <= 80014))) {
    return 'transient';
  }
  if (code === 1 || code === 2 || code === 3 || code === 101 || error.isTransient) {
    return 'transient';
  }
  if (code === 100 && subcode !== null && CODE_GONE_SUBCODES.has(subcode)) {
    return 'reauth_required';
  }
  if (code === 100 && subcode === 33) return 'permission_lost';
  return null;
}

export function isThrottle(error: GraphError | null): boolean {
  const code = error?.code ?? null;
  return code !== null && (THROTTLE_CODES.has(code) || (code >= 80001 && code <= 80014));
}

const PERMISSION_NAME =
  /\b(?:pages|instagram|threads|ads|publish|read|user|business|whatsapp)_[a-z_]+\b|\b(?:public_profile|email)\b/g;

/** Permission names a Meta message mentions ("(#200) Requires pages_manage_posts permission"). */
export function permissionsIn(message: string | null): string[] {
  if (!message) return [];
  return [...new Set(message.match(PERMISSION_NAME) ?? [])];
}

/**
 * A Meta error answer → ProviderError: the kind from the Graph code (table above), the provider
 * code as `code/subcode`, `retryAfterSeconds` from `Retry-After` or Meta's usage headers, and the
 * permissions a permission error names. Answers without a Meta envelope take the generic rules.
 */
export function classifyGraphResponse(
  response: HttpResponse,
  context: ClassifyContext,
): ProviderError {
  const body = response.body.kind === 'json' ? response.body.value : null;
  const error = graphError(body);
  if (error === null) return classifyErrorResponse(response, context);
  const kind =
    context.override?.({
      operation: context.operation,
      status: response.status,
      providerCode: codeOf(error),
      description: error.message,
      body,
    }) ??
    graphErrorKind(error) ??
    fallbackKind(response.status);

  const providerCode = safeCode(codeOf(error) ?? '', context.secrets);
  const description = error.message ? safeDetail(error.message, context.secrets) : null;
  let message = `${context.provider} ${context.operation} failed: HTTP ${response.status}`;
  if (providerCode) message += ` ${providerCode}`;
  if (description) message += `: ${description}`;
  message += explanation(error, kind);

  const retryAfter =
    retryAfterSeconds(response.headers, context.now) ??
    (kind === 'transient' && isThrottle(error) ? usageRetryAfterSeconds(response.headers) : null);
  return new ProviderError({
    kind,
    message,
    status: response.status,
    providerCode,
    retryAfterSeconds: retryAfter,
    missingScopes: kind === 'permission_lost' ? permissionsIn(error.message) : [],
  });
}

function explanation(error: GraphError, kind: ProviderErrorKind): string {
  if (error.code === 190 && error.subcode !== null && USER_ACTION_SUBCODES.has(error.subcode)) {
    return ' — the person must log in at facebook.com to resolve an issue with their account; no reconnect is needed';
  }
  if (error.code === 190 && error.subcode === 492) {
    return ' — the person no longer has a role on the Page';
  }
  if (kind === 'transient' && (error.code === 1 || error.code === 101 || error.code === 3)) {
    return ' — check Switchboard’s app credentials and settings for this platform; the user need not reconnect';
  }
  return '';
}

function codeOf(error: GraphError): string | null {
  if (error.code === null) return error.type;
  return error.subcode === null ? String(error.code) : `${error.code}/${error.subcode}`;
}

function fallbackKind(status: number): ProviderErrorKind {
  if (status === 429 || status >= 500 || status < 400) return 'transient';
  return 'invalid_request';
}

function intOf(value: JsonValue | undefined): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,10}$/.test(value)) return Number(value);
  return null;
}

function stringOf(value: JsonValue | undefined): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

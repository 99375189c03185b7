import type { HttpResponse } from '../../http';
import type { JsonValue } from '../../json';
import {
  ProviderError,
  type ProviderErrorKind,
  type ProviderOperation,
} from '../../provider-error';
import { safeCode, safeDetail } from '../../redact';
import { retryAfterSeconds } from '../../retry-after';

/** What a platform read from its own error envelope (LinkedIn's, Google's, TikTok Business's). */
export interface FailureDetails {
  kind: ProviderErrorKind;
  /** The platform's error code (`REVOKED_ACCESS_TOKEN`, `RESOURCE_EXHAUSTED`, `40105`…). */
  code: string | null;
  /** The platform's description, unredacted: it is made safe here. */
  description: string | null;
  missingScopes?: readonly string[];
}

export interface FailureContext {
  provider: string;
  operation: ProviderOperation;
  now: Date;
  /** Every secret the request carried; redacted from anything quoted from the provider. */
  secrets: readonly string[];
}

/**
 * A ProviderError in the same shape as the generic classifier's (`<TYPE> <op> failed: HTTP <s>
 * <code>: <description>`), for platforms whose error envelopes the generic reader cannot see.
 */
export function providerFailure(
  response: HttpResponse,
  details: FailureDetails,
  context: FailureContext,
): ProviderError {
  const secrets = context.secrets.filter((secret) => secret.length > 0);
  const code = details.code === null ? null : safeCode(details.code, secrets);
  const description = details.description ? safeDetail(details.description, secrets) : null;
  const parts = [`${context.provider} ${context.operation} failed: HTTP ${response.status}`];
  if (code) parts.push(` ${code}`);
  if (description) parts.push(`: ${description}`);
  return new ProviderError({
    kind: details.kind,
    message: parts.join(''),
    status: response.status,
    providerCode: code,
    retryAfterSeconds: retryAfterSeconds(response.headers, context.now),
    missingScopes: details.kind === 'permission_lost' ? (details.missingScopes ?? []) : [],
  });
}

/** The answer's JSON body, or null when it had none or it was unreadable. */
export function jsonBody(response: HttpResponse): JsonValue | null {
  return response.body.kind === 'json' ? response.body.value : null;
}

export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

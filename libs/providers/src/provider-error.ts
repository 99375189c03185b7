/**
 * What a caller should do about a failed provider call:
 * - `transient`: retry later (network, timeout, 5xx, 429, an unreadable answer, or our own app's
 *   configuration being rejected — never the user's fault, never a reason to ask them to reconnect);
 * - `reauth_required`: the grant is dead (`invalid_grant`, revoked, expired); the user must reconnect;
 * - `permission_lost`: the grant lives but lacks a scope or role it needs;
 * - `invalid_request`: the provider refused the request itself; retrying the same call won't help.
 */
export type ProviderErrorKind =
  'transient' | 'reauth_required' | 'permission_lost' | 'invalid_request';

/** The adapter operation a request belongs to (for error messages, classification and metrics). */
export type ProviderOperation = 'exchange' | 'refresh' | 'revoke' | 'identify';

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  /** Must be free of secrets; build it with `safeDetail` when it quotes the provider. */
  message: string;
  status?: number | null;
  providerCode?: string | null;
  retryAfterSeconds?: number | null;
  missingScopes?: readonly string[];
}

/**
 * A classified provider failure. Its message, fields and serialised form never contain a token,
 * authorization code, PKCE verifier, client secret or Authorization header: they hold only the
 * provider, the operation, the HTTP status and the provider's (redacted) error code and description.
 */
export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly status: number | null;
  readonly providerCode: string | null;
  readonly retryAfterSeconds: number | null;
  readonly missingScopes: string[];

  constructor(init: ProviderErrorInit) {
    super(init.message);
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.providerCode = init.providerCode ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.missingScopes = [...(init.missingScopes ?? [])];
  }

  toJSON(): Record<string, string | number | string[] | null> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      providerCode: this.providerCode,
      retryAfterSeconds: this.retryAfterSeconds,
      missingScopes: this.missingScopes,
    };
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}

import { OAuthError, invalidRequest } from './oauth-error';

export interface ScopePolicy {
  /** `' '` per RFC 6749; Meta uses `','`. */
  readonly separator: string;
  readonly required: boolean;
  /** When set, any other scope is `invalid_scope`. */
  readonly known?: readonly string[];
}

/** RFC 6749 section 3.3 scope-token characters. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** Splits on the platform's separator, dropping empties and duplicates, keeping order. */
export function parseScopes(raw: string | undefined, separator: string): string[] {
  if (raw === undefined) return [];
  const parts = raw
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return [...new Set(parts)];
}

export function formatScopes(scopes: readonly string[], separator: string): string {
  return scopes.join(separator);
}

/** Throws the error an authorization server answers for a bad `scope`. */
export function checkRequestedScopes(scopes: readonly string[], policy: ScopePolicy): void {
  if (policy.required && scopes.length === 0) {
    throw invalidRequest('Missing required parameter [scope].');
  }
  const malformed = scopes.find((scope) => !SCOPE_TOKEN.test(scope));
  if (malformed !== undefined) {
    throw new OAuthError('invalid_scope', `Malformed scope: ${malformed}`);
  }
  const known = policy.known;
  if (known === undefined) return;
  const unknown = scopes.find((scope) => !known.includes(scope));
  if (unknown !== undefined) throw new OAuthError('invalid_scope', `Unknown scope: ${unknown}`);
}

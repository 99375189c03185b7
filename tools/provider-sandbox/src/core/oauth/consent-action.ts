export type ConsentAction =
  | { readonly kind: 'approve' }
  | { readonly kind: 'deny' }
  | { readonly kind: 'drop-scopes'; readonly scopes: readonly string[] };

const DROP_SCOPES_PREFIX = 'drop-scopes:';

/** Parses `sandbox_action`: `approve`, `deny` or `drop-scopes:<a,b>`; `null` if malformed. */
export function parseConsentAction(raw: string): ConsentAction | null {
  if (raw === 'approve') return { kind: 'approve' };
  if (raw === 'deny') return { kind: 'deny' };
  if (!raw.startsWith(DROP_SCOPES_PREFIX)) return null;
  const scopes = raw
    .slice(DROP_SCOPES_PREFIX.length)
    .split(',')
    .map((scope) => scope.trim())
    .filter((scope) => scope !== '');
  return scopes.length === 0 ? null : { kind: 'drop-scopes', scopes };
}

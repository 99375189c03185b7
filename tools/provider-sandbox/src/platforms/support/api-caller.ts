import type { Request } from 'express';

import type { SandboxState } from '../../core/sandbox-state';
import type { AccessTokenRecord, Grant } from '../../core/state/grants';
import type { SandboxUser } from '../../core/state/users';

/** Who is calling a platform API, or why the token is refused (platforms word each differently). */
export type ApiCaller =
  | {
      readonly kind: 'ok';
      readonly grant: Grant;
      readonly token: AccessTokenRecord;
      readonly user: SandboxUser;
    }
  | { readonly kind: 'missing' | 'invalid' | 'expired' | 'revoked' };

/** The grant behind an access token of `type`, or the reason it cannot be used. */
export function apiCaller(state: SandboxState, type: string, token: string | undefined): ApiCaller {
  if (token === undefined || token === '') return { kind: 'missing' };
  const record = state.grants.findAccessToken(token);
  const grant = record === undefined ? undefined : state.grants.getGrant(record.grantId);
  if (record === undefined || grant?.type !== type) return { kind: 'invalid' };
  if (grant.status !== 'active') return { kind: 'revoked' };
  if (state.clock() >= record.expiresAt) return { kind: 'expired' };
  return { kind: 'ok', grant, token: record, user: state.users.getOrCreate(grant.userName) };
}

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer ([\x21-\x7E]+)$/i.exec(req.headers.authorization?.trim() ?? '');
  return match?.[1];
}

/** True when the token holds at least one of `scopes`. */
export function hasAnyScope(token: AccessTokenRecord, scopes: readonly string[]): boolean {
  return scopes.some((scope) => token.scopes.includes(scope));
}

/** A query parameter as one string (repeated parameters are refused as absent). */
export function queryString(req: Request, key: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

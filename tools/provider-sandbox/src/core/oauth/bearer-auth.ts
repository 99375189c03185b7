import type { Request } from 'express';

import type { SandboxState } from '../sandbox-state';
import type { AccessTokenRecord, Grant } from '../state/grants';

export interface BearerContext {
  readonly grant: Grant;
  readonly token: AccessTokenRecord;
}

/** The grant behind a live `Authorization: Bearer` token of this platform, if there is one. */
export function bearerContext(
  state: SandboxState,
  type: string,
  req: Request,
): BearerContext | undefined {
  const match = /^Bearer ([\x21-\x7E]+)$/i.exec(req.headers.authorization?.trim() ?? '');
  if (match?.[1] === undefined) return undefined;
  const token = state.grants.findAccessToken(match[1]);
  if (token === undefined || state.clock() >= token.expiresAt) return undefined;
  const grant = state.grants.getGrant(token.grantId);
  if (grant?.type !== type || grant.status !== 'active') return undefined;
  return { grant, token };
}

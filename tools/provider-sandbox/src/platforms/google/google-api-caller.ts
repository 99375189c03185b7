import type { Request, Response } from 'express';

import { sendReply } from '../../core/http-reply';
import type { SandboxState } from '../../core/sandbox-state';
import type { SandboxUser } from '../../core/state/users';
import { apiCaller, bearerToken, hasAnyScope } from '../support/api-caller';
import { googleInsufficientScopes, googleUnauthenticated } from './google-responses';

/**
 * The user behind a Google API call holding one of `anyOf`, or null after answering 401
 * `UNAUTHENTICATED` / 403 `PERMISSION_DENIED` (the first of `anyOf` named as the scope needed).
 */
export function googleApiUser(
  state: SandboxState,
  type: string,
  req: Request,
  res: Response,
  anyOf: readonly string[],
): SandboxUser | null {
  const caller = apiCaller(state, type, bearerToken(req));
  if (caller.kind !== 'ok') {
    sendReply(res, googleUnauthenticated());
    return null;
  }
  if (!hasAnyScope(caller.token, anyOf)) {
    sendReply(res, googleInsufficientScopes(anyOf.slice(0, 1)));
    return null;
  }
  return caller.user;
}

/** `pageToken` as an offset the sandbox handed out (`o<number>`); anything else starts over. */
export function pageOffset(token: string | undefined): number {
  const match = /^o(\d{1,6})$/.exec(token ?? '');
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

export function pageSize(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || !/^\d{1,4}$/.test(raw) || Number(raw) === 0) return fallback;
  return Math.min(max, Number(raw));
}

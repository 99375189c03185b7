import { createHash, timingSafeEqual } from 'node:crypto';

import type { Request, Response } from 'express';

import { sendReply, type HttpReply } from '../../core/http-reply';
import { answerWithFault, dropConnection } from '../../core/oauth/fault-replies';
import { verifyPkce } from '../../core/oauth/pkce';
import { NO_STORE_HEADERS } from '../../core/oauth/token-endpoint';
import type { PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import type { Grant } from '../../core/state/grants';
import type { TokenLifetimes } from '../../core/state/lifetimes';
import { metaStateOf } from './meta-state';

/** Short-lived user tokens live one hour (or less, when the lifetime override is shorter). */
export const SHORT_LIVED_SECONDS = 3600;

/**
 * One call to a token endpoint (code exchange, long-lived exchange, refresh): counted in
 * `/_sandbox/stats` under `grantType`, subject to `/_sandbox/fail`, answered uncacheable. With
 * `drop-response` the grant happens and the answer is lost.
 */
export function tokenCall(
  state: SandboxState,
  platform: PlatformDefinition,
  req: Request,
  res: Response,
  grantType: string,
  run: () => HttpReply,
): void {
  state.stats.countTokenCall(platform.type, grantType);
  const fault = state.faults.take(platform.type);
  if (fault !== undefined && fault.kind !== 'drop-response') {
    answerWithFault(fault, platform, req, res, state.clock());
    return;
  }
  const reply = run();
  if (fault?.kind === 'drop-response') {
    dropConnection(req);
    return;
  }
  sendReply(res, { ...reply, headers: { ...NO_STORE_HEADERS, ...reply.headers } });
}

export function lifetimesOf(state: SandboxState, platform: PlatformDefinition): TokenLifetimes {
  return state.lifetimes.resolve(platform.type, platform.defaultLifetimes);
}

export type ClientCheck = 'ok' | 'unknown-client' | 'bad-secret';

/** Meta's apps authenticate with `client_id` and `client_secret` as parameters. */
export function checkClient(
  state: SandboxState,
  type: string,
  clientId: string,
  clientSecret: string,
): ClientCheck {
  const client = state.clients.find(type, clientId);
  if (client === undefined) return 'unknown-client';
  if (client.clientSecret === null || !sameSecret(client.clientSecret, clientSecret)) {
    return 'bad-secret';
  }
  return 'ok';
}

export function sameSecret(expected: string, presented: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

export type CodeProblem = 'unknown' | 'used' | 'expired' | 'other-client' | 'redirect' | 'pkce';

export type CodeRedemption =
  | { readonly ok: true; readonly grant: Grant }
  | { readonly ok: false; readonly problem: CodeProblem };

/**
 * Redeems an authorization code as the shared machinery does (single use — a second try revokes
 * what the first produced —, bound to client, `redirect_uri` and any PKCE challenge), so the Meta
 * platforms can answer in their own shapes and issue their own token kinds.
 */
export function redeemCode(
  state: SandboxState,
  type: string,
  clientId: string,
  params: { readonly code: string; readonly redirectUri: string; readonly codeVerifier?: string },
): CodeRedemption {
  const code = state.grants.findCode(params.code);
  if (code?.type !== type) return { ok: false, problem: 'unknown' };
  if (code.consumed) {
    const earlier = code.grantId === null ? undefined : state.grants.getGrant(code.grantId);
    if (earlier !== undefined) state.grants.revokeGrant(earlier, 'code-reuse');
    return { ok: false, problem: 'used' };
  }
  code.consumed = true;
  if (state.clock() >= code.expiresAt) return { ok: false, problem: 'expired' };
  if (code.clientId !== clientId) return { ok: false, problem: 'other-client' };
  if (code.redirectUri !== params.redirectUri) return { ok: false, problem: 'redirect' };
  if (code.pkce !== null) {
    if (params.codeVerifier === undefined || !verifyPkce(code.pkce, params.codeVerifier)) {
      return { ok: false, problem: 'pkce' };
    }
  } else if (params.codeVerifier !== undefined) {
    return { ok: false, problem: 'pkce' };
  }
  return { ok: true, grant: state.grants.createGrant(code) };
}

/** Issues a user token and remembers its kind and issue time. */
export function issueUserToken(
  state: SandboxState,
  grant: Grant,
  scopes: readonly string[],
  kind: 'short' | 'long',
  ttlSeconds: number,
): { readonly token: string; readonly expiresIn: number } {
  const issued = state.grants.issueAccessToken(grant, scopes, ttlSeconds);
  metaStateOf(state).userTokens.set(issued.token, {
    kind,
    grantId: grant.id,
    issuedAt: state.clock(),
  });
  return { token: issued.token, expiresIn: ttlSeconds };
}

/** A single string parameter (Express may hand arrays or objects for repeated/bracketed keys). */
export function stringParam(source: unknown, key: string, maxLength = 2048): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const value = (source as Record<string, unknown>)[key];
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength
    ? value
    : undefined;
}

/** A route parameter as a single string. */
export function routeParam(
  params: Readonly<Record<string, string | string[]>>,
  key: string,
): string | undefined {
  const value = params[key];
  return typeof value === 'string' ? value : undefined;
}

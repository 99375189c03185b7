import type { Request, Response } from 'express';

import { sendReply, type HttpReply } from '../../core/http-reply';
import { authenticateClient } from '../../core/oauth/client-auth';
import { answerWithFault, dropConnection } from '../../core/oauth/fault-replies';
import { OAuthError } from '../../core/oauth/oauth-error';
import { NO_STORE_HEADERS, oauthErrorReply } from '../../core/oauth/token-endpoint';
import { exchangeAuthorizationCode, refreshAccessToken } from '../../core/oauth/token-grants';
import type { IssuedTokens, PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';

/** A token request as the platform sent it, translated to RFC 6749 names. */
export interface TokenCall {
  readonly grantType: unknown;
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  readonly authorization?: string | undefined;
  /** The grant's fields: `code`, `redirect_uri`, `code_verifier`, `refresh_token`, `scope`. */
  readonly grant: Readonly<Record<string, unknown>>;
}

/** What a successful call produced, for the platform to render in its own shape. */
export interface TokenOutcome {
  readonly grantType: 'authorization_code' | 'refresh_token';
  readonly issued: IssuedTokens;
  /** The client that was authenticated. */
  readonly clientId: string;
  /**
   * On a refresh that issued no new refresh token (platforms that do not rotate): the token that
   * was presented and its remaining lifetime, for platforms that echo it back (LinkedIn).
   */
  readonly keptRefreshToken: { readonly token: string; readonly expiresIn: number | null } | null;
}

export interface TokenCallOptions {
  /** Reads the request; throws an OAuthError for one the platform would refuse outright. */
  readonly read: (req: Request) => TokenCall;
  readonly render: (outcome: TokenOutcome) => HttpReply;
  /** Only these grants are served at this path (TikTok Business has one path per grant). */
  readonly grants?: readonly ('authorization_code' | 'refresh_token')[];
}

/**
 * A token endpoint whose request or answer shape the core cannot express (TikTok's `client_key`,
 * JSON bodies, echoed refresh tokens), with the core's semantics: the call is counted, a queued
 * fault is applied, codes are single use and bound, refresh follows the platform's rotation rules.
 */
export function answerTokenCall(
  state: SandboxState,
  platform: PlatformDefinition,
  req: Request,
  res: Response,
  options: TokenCallOptions,
): void {
  let call: TokenCall | OAuthError;
  try {
    call = options.read(req);
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    call = error;
  }
  state.stats.countTokenCall(
    platform.type,
    call instanceof OAuthError ? undefined : call.grantType,
  );
  const fault = state.faults.take(platform.type);
  if (fault !== undefined && fault.kind !== 'drop-response') {
    answerWithFault(fault, platform, req, res, state.clock());
    return;
  }
  const reply = run(state, platform, call, options);
  if (fault?.kind === 'drop-response') dropConnection(req);
  else sendReply(res, reply);
}

function run(
  state: SandboxState,
  platform: PlatformDefinition,
  call: TokenCall | OAuthError,
  options: TokenCallOptions,
): HttpReply {
  try {
    if (call instanceof OAuthError) throw call;
    const client = authenticateClient(
      {
        authorization: call.authorization,
        bodyClientId: call.clientId,
        bodyClientSecret: call.clientSecret,
      },
      platform.clientAuth,
      (clientId) => state.clients.find(platform.type, clientId),
    );
    const allowed = options.grants ?? ['authorization_code', 'refresh_token'];
    const grantType = allowed.find((grant) => grant === call.grantType);
    if (grantType === undefined) {
      throw new OAuthError(
        'unsupported_grant_type',
        `grant_type ${String(call.grantType)} is not supported here`,
      );
    }
    if (grantType === 'authorization_code') {
      const issued = exchangeAuthorizationCode(state, platform, client, call.grant);
      return options.render({
        grantType,
        issued,
        clientId: client.clientId,
        keptRefreshToken: null,
      });
    }
    const issued = refreshAccessToken(state, platform, client, call.grant);
    return options.render({
      grantType,
      issued,
      clientId: client.clientId,
      keptRefreshToken: issued.refreshToken === null ? kept(state, call.grant) : null,
    });
  } catch (error) {
    if (error instanceof OAuthError) return oauthErrorReply(platform, error);
    throw error;
  }
}

function kept(
  state: SandboxState,
  grant: Readonly<Record<string, unknown>>,
): TokenOutcome['keptRefreshToken'] {
  const token = grant['refresh_token'];
  if (typeof token !== 'string') return null;
  const record = state.grants.findRefreshToken(token);
  if (record === undefined) return null;
  const expiresIn =
    record.expiresAt === null
      ? null
      : Math.max(0, Math.round((record.expiresAt - state.clock()) / 1000));
  return { token, expiresIn };
}

/** A successful token answer: the platform's body with `no-store`. */
export function tokenReply(body: unknown, status = 200): HttpReply {
  return { status, headers: NO_STORE_HEADERS, body };
}

/** One string field of a parsed body, or undefined. */
export function field(body: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}

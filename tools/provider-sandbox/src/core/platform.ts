import type { BuiltInPlatformType } from '@switchboard/contracts';
import type { Router } from 'express';

import type { HttpReply } from './http-reply';
import type { ClientAuthPolicy } from './oauth/client-auth';
import type { OAuthError } from './oauth/oauth-error';
import type { PkceMethod } from './oauth/pkce';
import type { ScopePolicy } from './oauth/scopes';
import type { TokenLifetimes } from './state/lifetimes';
import type { SandboxUser } from './state/users';
import type { SandboxState } from './sandbox-state';

/** The platforms of `@switchboard/contracts`, plus a plain RFC 6749 server to test against. */
export type SandboxPlatformType = BuiltInPlatformType | 'GENERIC';

export type RefreshRotation =
  /** The old refresh token dies; presenting it again revokes the whole grant (X, Fanvue). */
  | 'rotate-detect-reuse'
  /** The old refresh token dies; presenting it again is only `invalid_grant`. */
  | 'rotate'
  /** No new refresh token on refresh; the old one keeps working (Google, LinkedIn). */
  | 'reuse';

export interface RefreshTokenPolicy {
  /** `always`, `never`, or only when this scope was granted (X: `offline.access`). */
  readonly issue: 'always' | 'never' | { readonly whenScope: string };
  readonly rotation: RefreshRotation;
  /** `sliding`: each refresh token lives its full TTL; `fixed`: the first one's expiry holds. */
  readonly expiry: 'sliding' | 'fixed';
}

/** Tokens a successful token call produced, for the platform to render in its own shape. */
export interface IssuedTokens {
  readonly accessToken: string;
  readonly accessExpiresIn: number;
  readonly refreshToken: string | null;
  readonly refreshExpiresIn: number | null;
  readonly scopes: readonly string[];
  readonly scope: string;
  readonly user: SandboxUser;
}

export interface PlatformResponses {
  token(tokens: IssuedTokens): Record<string, unknown>;
  /** Token and revocation endpoint errors. */
  tokenError(error: OAuthError): HttpReply;
  /** A successful RFC 7009 revocation. */
  revoked(): HttpReply;
  /** An API call without a valid access token. */
  unauthorized(): HttpReply;
  /** An API call whose token lacks a required scope. */
  forbidden(missingScopes: readonly string[]): HttpReply;
  /** Injected `429`: must carry `Retry-After` and the platform's own rate-limit headers. */
  rateLimited(retryAfterSeconds: number, nowMs: number): HttpReply;
  /** Injected `500`. */
  serverError(): HttpReply;
}

export interface PlatformPaths {
  readonly authorize: string;
  readonly token: string;
  readonly revoke: string;
  readonly userInfo: string;
  /** RFC 8414 metadata, when the platform publishes it. */
  readonly metadata?: string;
}

/**
 * Everything the shared OAuth machinery needs to play one platform. Adding a platform means
 * writing one of these in `src/platforms/` and listing it in the registry.
 */
export interface PlatformDefinition {
  readonly type: SandboxPlatformType;
  /** Human name on the consent page. */
  readonly displayName: string;
  /** Mount point, `/<type-lower>`; `paths` are the platform's real paths under it. */
  readonly basePath: `/${string}`;
  readonly paths: PlatformPaths;
  readonly authorizationCodeTtlSeconds: number;
  readonly defaultLifetimes: TokenLifetimes;
  readonly clientAuth: ClientAuthPolicy;
  readonly pkce: { readonly required: boolean; readonly methods: readonly PkceMethod[] };
  /** RFC 9207: whether the authorization response carries `iss` (the issuer is the mount URL). */
  readonly sendsIssuer: boolean;
  readonly scopes: ScopePolicy;
  readonly refreshTokens: RefreshTokenPolicy;
  readonly userInfo: {
    readonly requiredScopes: readonly string[];
    render(user: SandboxUser): unknown;
  };
  readonly responses: PlatformResponses;
  metadata?(issuer: string): Record<string, unknown>;
  /** Routes beyond the OAuth core (account lists, …), mounted under `basePath`. */
  extendRouter?(router: Router, state: SandboxState): void;
  /**
   * Routes mounted before the OAuth core, for real endpoints the core cannot express (TikTok's
   * `client_key`, JSON token bodies): they answer first at those paths.
   */
  prependRouter?(router: Router, state: SandboxState): void;
  /**
   * Routes under `/_sandbox` for controls only this platform has (Meta's signed deauthorize and
   * data-deletion callbacks, the token-age override); they are parsed as JSON like the others.
   */
  controlRoutes?(router: Router, state: SandboxState): void;
}

import { z } from 'zod';

import type { IssuedTokens, PlatformDefinition, RefreshTokenPolicy } from '../platform';
import type { SandboxState } from '../sandbox-state';
import type { Grant } from '../state/grants';
import { describeZodError } from '../zod-issues';
import type { AuthenticatedClient } from './client-auth';
import { OAuthError, invalidGrant, invalidRequest } from './oauth-error';
import { isValidCodeVerifier, verifyPkce } from './pkce';
import { formatScopes, parseScopes } from './scopes';

const CodeExchangeSchema = z.object({
  code: z.string({ error: 'Missing required parameter [code].' }).min(1).max(512),
  redirect_uri: z.string({ error: 'Missing required parameter [redirect_uri].' }).max(2048),
  code_verifier: z.string().max(256).optional(),
});

const RefreshSchema = z.object({
  refresh_token: z.string({ error: 'Missing required parameter [refresh_token].' }).min(1).max(512),
  scope: z.string().max(4000).optional(),
});

function parseOrThrow<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidRequest(describeZodError(parsed.error));
  return parsed.data;
}

function shouldIssueRefreshToken(policy: RefreshTokenPolicy, scopes: readonly string[]): boolean {
  if (policy.issue === 'always') return true;
  if (policy.issue === 'never') return false;
  return scopes.includes(policy.issue.whenScope);
}

function issueTokens(
  state: SandboxState,
  platform: PlatformDefinition,
  grant: Grant,
  scopes: readonly string[],
  withRefreshToken: boolean,
): IssuedTokens {
  const lifetimes = state.lifetimes.resolve(platform.type, platform.defaultLifetimes);
  const access = state.grants.issueAccessToken(grant, scopes, lifetimes.accessSeconds);
  const refresh = withRefreshToken
    ? state.grants.issueRefreshToken(grant, lifetimes.refreshSeconds, platform.refreshTokens.expiry)
    : null;
  return {
    accessToken: access.token,
    accessExpiresIn: lifetimes.accessSeconds,
    refreshToken: refresh?.token ?? null,
    refreshExpiresIn: refresh?.expiresIn ?? null,
    scopes,
    scope: formatScopes(scopes, platform.scopes.separator),
    user: state.users.getOrCreate(grant.userName),
  };
}

/** `grant_type=authorization_code`: single use, bound to client, redirect_uri and PKCE. */
export function exchangeAuthorizationCode(
  state: SandboxState,
  platform: PlatformDefinition,
  client: AuthenticatedClient,
  body: unknown,
): IssuedTokens {
  const params = parseOrThrow(CodeExchangeSchema, body);
  const code = state.grants.findCode(params.code);
  if (code?.type !== platform.type) throw invalidGrant('Authorization code is invalid');
  if (code.consumed) {
    const earlier = code.grantId === null ? undefined : state.grants.getGrant(code.grantId);
    if (earlier !== undefined) state.grants.revokeGrant(earlier, 'code-reuse');
    throw invalidGrant('Authorization code was already used');
  }
  code.consumed = true;
  if (state.clock() >= code.expiresAt) throw invalidGrant('Authorization code has expired');
  if (code.clientId !== client.clientId) {
    throw invalidGrant('Authorization code was issued to another client');
  }
  if (code.redirectUri !== params.redirect_uri) {
    throw invalidGrant('redirect_uri does not match the authorization request');
  }
  if (code.pkce === null) {
    // RFC 9700 2.1.1: a verifier without a challenge is a downgrade attempt.
    if (params.code_verifier !== undefined) throw invalidGrant('No code_challenge was sent');
  } else {
    if (params.code_verifier === undefined) {
      throw invalidRequest('Missing required parameter [code_verifier].');
    }
    if (!isValidCodeVerifier(params.code_verifier)) {
      throw invalidGrant('code_verifier is malformed');
    }
    if (!verifyPkce(code.pkce, params.code_verifier)) {
      throw invalidGrant('code_verifier does not match the code_challenge');
    }
  }
  const grant = state.grants.createGrant(code);
  return issueTokens(
    state,
    platform,
    grant,
    grant.scopes,
    shouldIssueRefreshToken(platform.refreshTokens, grant.scopes),
  );
}

/** `grant_type=refresh_token`, with the platform's rotation and reuse-detection rules. */
export function refreshAccessToken(
  state: SandboxState,
  platform: PlatformDefinition,
  client: AuthenticatedClient,
  body: unknown,
): IssuedTokens {
  const params = parseOrThrow(RefreshSchema, body);
  const record = state.grants.findRefreshToken(params.refresh_token);
  const grant = record === undefined ? undefined : state.grants.getGrant(record.grantId);
  if (record === undefined || grant?.type !== platform.type) {
    throw invalidGrant('Refresh token is invalid');
  }
  if (grant.clientId !== client.clientId) {
    throw invalidGrant('Refresh token was issued to another client');
  }
  const rotation = platform.refreshTokens.rotation;
  if (record.usedAt !== null) {
    if (rotation === 'rotate-detect-reuse') {
      state.stats.countRefreshTokenReuse();
      state.grants.revokeGrant(grant, 'refresh-token-reuse');
      throw invalidGrant('Refresh token was already used; the grant is revoked');
    }
    throw invalidGrant('Refresh token was already used');
  }
  if (grant.status === 'revoked') throw invalidGrant('The grant was revoked');
  if (record.expiresAt !== null && state.clock() >= record.expiresAt) {
    throw invalidGrant('Refresh token has expired');
  }
  let scopes = grant.scopes;
  if (params.scope !== undefined) {
    const requested = parseScopes(params.scope, platform.scopes.separator);
    const extra = requested.find((scope) => !grant.scopes.includes(scope));
    if (extra !== undefined) {
      throw new OAuthError('invalid_scope', `Scope was not granted: ${extra}`);
    }
    scopes = requested;
  }
  const rotates = rotation !== 'reuse';
  if (rotates) record.usedAt = state.clock();
  grant.refreshes += 1;
  return issueTokens(state, platform, grant, scopes, rotates);
}

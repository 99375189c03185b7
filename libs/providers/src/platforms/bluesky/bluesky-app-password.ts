import type { TokenSet } from '../../adapter';
import type { Clock } from '../../clock';
import type { HttpClient, HttpResponse } from '../../http';
import { stringField, type JsonObject } from '../../json';
import { safeCode } from '../../redact';
import { retryAfterSeconds } from '../../retry-after';
import { ProviderError, type ProviderOperation } from '../../provider-error';

/** What an app-password connection keeps beside its session tokens. */
export interface BlueskySessionExtra extends JsonObject {
  mode: 'app-password';
  did: string;
  handle: string;
  pdsUrl: string;
}

export interface SessionDeps {
  http: HttpClient;
  clock: Clock;
}

/**
 * `com.atproto.server.createSession` once, at connect. It is rate-limited hard (30 per 5 min per
 * account and IP), so the session is then kept alive with `refreshSession`, never re-created.
 */
export async function createSession(
  deps: SessionDeps,
  pdsUrl: string,
  identifier: string,
  appPassword: string,
): Promise<TokenSet> {
  const response = await deps.http.request({
    provider: 'BLUESKY',
    operation: 'exchange',
    method: 'POST',
    url: `${pdsUrl}/xrpc/com.atproto.server.createSession`,
    body: { json: { identifier, password: appPassword } },
  });
  if (response.status !== 200) throw sessionError(response, 'exchange', [appPassword]);
  return sessionTokens(response, deps, pdsUrl, 'exchange');
}

/** `refreshSession` with `Bearer <refreshJwt>`: a new access and refresh JWT (the old one lives 2 h more). */
export async function refreshSession(
  deps: SessionDeps,
  extra: BlueskySessionExtra,
  refreshJwt: string,
): Promise<TokenSet> {
  const response = await deps.http.request({
    provider: 'BLUESKY',
    operation: 'refresh',
    method: 'POST',
    url: `${extra.pdsUrl}/xrpc/com.atproto.server.refreshSession`,
    headers: { Authorization: `Bearer ${refreshJwt}` },
  });
  if (response.status !== 200) throw sessionError(response, 'refresh', [refreshJwt]);
  const tokens = sessionTokens(response, deps, extra.pdsUrl, 'refresh');
  if (tokens.extra.did !== extra.did) {
    throw new ProviderError({
      kind: 'reauth_required',
      message: 'BLUESKY refresh failed: the session belongs to another account',
    });
  }
  return { ...tokens, extra: { handle: tokens.extra.handle ?? extra.handle } };
}

/** `deleteSession` with the refresh JWT ends the session (both JWTs). */
export async function deleteSession(
  deps: SessionDeps,
  extra: BlueskySessionExtra,
  refreshJwt: string,
): Promise<{ revoked: boolean }> {
  const response = await deps.http.request({
    provider: 'BLUESKY',
    operation: 'revoke',
    method: 'POST',
    url: `${extra.pdsUrl}/xrpc/com.atproto.server.deleteSession`,
    headers: { Authorization: `Bearer ${refreshJwt}` },
  });
  if (response.status === 200) return { revoked: true };
  // An already dead session is as revoked as it gets.
  if (response.status === 400 || response.status === 401) return { revoked: false };
  throw sessionError(response, 'revoke', [refreshJwt]);
}

function sessionTokens(
  response: HttpResponse,
  deps: SessionDeps,
  pdsUrl: string,
  operation: ProviderOperation,
): TokenSet {
  const body = response.body.kind === 'json' ? response.body.value : null;
  const accessJwt = stringField(body, 'accessJwt');
  const refreshJwt = stringField(body, 'refreshJwt');
  const did = stringField(body, 'did');
  const handle = stringField(body, 'handle');
  if (!accessJwt || !refreshJwt || !did || !handle) {
    throw new ProviderError({
      kind: 'transient',
      message: `BLUESKY ${operation} failed: the session answer lacks its tokens or account`,
    });
  }
  const extra: BlueskySessionExtra = { mode: 'app-password', did, handle, pdsUrl };
  return {
    accessToken: accessJwt,
    refreshToken: refreshJwt,
    tokenType: 'Bearer',
    expiresAt: jwtExpiry(accessJwt) ?? new Date(deps.clock.now().getTime() + 2 * 3_600_000),
    refreshExpiresAt: jwtExpiry(refreshJwt),
    scopes: ['com.atproto.appPass'],
    extra,
  };
}

/** The `exp` of a JWT we hold (read, not verified: it only plans the next refresh). */
export function jwtExpiry(jwt: string): Date | null {
  const payload = jwt.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof claims.exp === 'number' && Number.isFinite(claims.exp)
      ? new Date(claims.exp * 1000)
      : null;
  } catch {
    return null;
  }
}

/** XRPC errors `{error, message}`: what each means for the caller. */
function sessionError(
  response: HttpResponse,
  operation: ProviderOperation,
  secrets: string[],
): ProviderError {
  const body = response.body.kind === 'json' ? response.body.value : null;
  const raw = stringField(body, 'error');
  const code = raw ? safeCode(raw, secrets) : null;
  const where = `BLUESKY ${operation} failed: HTTP ${response.status}${code ? ` ${code}` : ''}`;
  if (response.status === 429 || response.status >= 500 || response.body.kind === 'unparsable') {
    return new ProviderError({
      kind: 'transient',
      message: where,
      status: response.status,
      providerCode: code,
      retryAfterSeconds: retryAfterSeconds(response.headers, new Date()),
    });
  }
  if (operation === 'exchange') {
    return new ProviderError({
      kind: 'invalid_request',
      message:
        code === 'AuthFactorTokenRequired'
          ? 'Bluesky asks for a two-factor code: use an app password instead of the account password'
          : code === 'AccountTakedown'
            ? 'this Bluesky account has been taken down'
            : 'Bluesky refused the identifier or app password',
      status: response.status,
      providerCode: code,
    });
  }
  return new ProviderError({
    kind:
      response.status === 400 || response.status === 401 ? 'reauth_required' : 'invalid_request',
    message: where,
    status: response.status,
    providerCode: code,
  });
}

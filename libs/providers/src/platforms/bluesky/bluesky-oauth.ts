import type { TokenSet } from '../../adapter';
import type { Clock } from '../../clock';
import type { HttpClient, HttpResponse } from '../../http';
import { stringField, type JsonObject, type JsonValue } from '../../json';
import { classifyErrorResponse } from '../../oauth2/classify-error';
import { parseTokenResponse } from '../../oauth2/token-response';
import { ProviderError, type ProviderOperation } from '../../provider-error';
import type { AtprotoAuthServer } from './atproto-discovery';
import { dpopKeyFrom, type DpopKey } from './dpop';
import { dpopRequest, type DpopSession } from './dpop-request';

export interface AtprotoOAuthDeps {
  http: HttpClient;
  clock: Clock;
}

export interface PushParams {
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  codeChallenge: string;
  /** What the user typed (handle or DID). */
  loginHint: string;
}

/**
 * PAR (RFC 9126) with DPoP: the request goes to the server first, the browser only carries
 * `client_id` and the returned `request_uri`.
 */
export async function pushAuthorizationRequest(
  deps: AtprotoOAuthDeps,
  server: AtprotoAuthServer,
  session: DpopSession,
  params: PushParams,
): Promise<string> {
  const response = await dpopRequest(deps.http, deps.clock, session, {
    provider: 'BLUESKY',
    operation: 'exchange',
    method: 'POST',
    url: server.parEndpoint,
    body: {
      form: {
        client_id: params.clientId,
        response_type: 'code',
        redirect_uri: params.redirectUri,
        scope: params.scopes.join(' '),
        state: params.state,
        code_challenge: params.codeChallenge,
        code_challenge_method: 'S256',
        login_hint: params.loginHint,
      },
    },
  });
  const requestUri =
    response.body.kind === 'json' ? stringField(response.body.value, 'request_uri') : null;
  if ((response.status !== 201 && response.status !== 200) || !requestUri) {
    throw failure(response, deps, 'exchange', [params.state, params.codeChallenge]);
  }
  const url = new URL(server.authorizationEndpoint);
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('request_uri', requestUri);
  return url.toString();
}

/** What a connection keeps beside its tokens (the token route's `extra`). */
export interface BlueskyOAuthExtra extends JsonObject {
  mode: 'oauth';
  did: string;
  handle: string | null;
  pdsUrl: string;
  issuer: string;
  tokenEndpoint: string;
  revocationEndpoint: string | null;
  clientId: string;
  /** The session's private DPoP key (JWK): a secret, needed to use the DPoP-bound tokens. */
  dpopKey: JsonObject;
}

export interface ExchangeInput {
  code: string;
  redirectUri: string;
  codeVerifier: string;
  extra: BlueskyOAuthExtra;
  nonce: string | null;
}

/** The code for DPoP-bound tokens; `sub` must be the DID resolved before the redirect. */
export async function exchangeAtprotoCode(
  deps: AtprotoOAuthDeps,
  key: DpopKey,
  input: ExchangeInput,
): Promise<TokenSet> {
  const session: DpopSession = { key, nonce: input.nonce };
  const response = await dpopRequest(deps.http, deps.clock, session, {
    provider: 'BLUESKY',
    operation: 'exchange',
    method: 'POST',
    url: input.extra.tokenEndpoint,
    body: {
      form: {
        grant_type: 'authorization_code',
        code: input.code,
        redirect_uri: input.redirectUri,
        code_verifier: input.codeVerifier,
        client_id: input.extra.clientId,
      },
    },
  });
  if (response.status !== 200 || response.body.kind !== 'json') {
    throw failure(response, deps, 'exchange', [input.code, input.codeVerifier]);
  }
  return checkedTokens(response.body.value, deps, 'exchange', input.extra);
}

/** A single-use refresh token for a new pair, with the connection's own DPoP key. */
export async function refreshAtprotoTokens(
  deps: AtprotoOAuthDeps,
  extra: BlueskyOAuthExtra,
  refreshToken: string,
): Promise<TokenSet> {
  const session: DpopSession = { key: dpopKeyFrom(extra.dpopKey), nonce: null };
  const response = await dpopRequest(deps.http, deps.clock, session, {
    provider: 'BLUESKY',
    operation: 'refresh',
    method: 'POST',
    url: extra.tokenEndpoint,
    body: {
      form: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: extra.clientId },
    },
  });
  if (response.status !== 200 || response.body.kind !== 'json') {
    throw failure(response, deps, 'refresh', [refreshToken]);
  }
  return checkedTokens(response.body.value, deps, 'refresh', extra);
}

/** RFC 7009 at the authorization server, DPoP-signed like every call there. */
export async function revokeAtprotoToken(
  deps: AtprotoOAuthDeps,
  extra: BlueskyOAuthExtra,
  token: string,
  hint: 'refresh_token' | 'access_token',
): Promise<{ revoked: boolean }> {
  if (!extra.revocationEndpoint) return { revoked: false };
  const session: DpopSession = { key: dpopKeyFrom(extra.dpopKey), nonce: null };
  const response = await dpopRequest(deps.http, deps.clock, session, {
    provider: 'BLUESKY',
    operation: 'revoke',
    method: 'POST',
    url: extra.revocationEndpoint,
    body: { form: { token, token_type_hint: hint, client_id: extra.clientId } },
  });
  if (response.status === 200 || response.status === 204) return { revoked: true };
  throw failure(response, deps, 'revoke', [token]);
}

function checkedTokens(
  body: JsonValue,
  deps: AtprotoOAuthDeps,
  operation: ProviderOperation,
  extra: BlueskyOAuthExtra,
): TokenSet {
  const tokens = parseTokenResponse(body, {
    provider: 'BLUESKY',
    operation,
    now: deps.clock.now(),
    requestedScopes: [],
  });
  if (tokens.tokenType.toLowerCase() !== 'dpop') {
    throw new ProviderError({
      kind: 'transient',
      message: `BLUESKY ${operation} failed: the token is not DPoP-bound`,
    });
  }
  if (stringField(body, 'sub') !== extra.did) {
    throw new ProviderError({
      kind: operation === 'exchange' ? 'invalid_request' : 'reauth_required',
      message: `BLUESKY ${operation} failed: the token's sub is not the account that was resolved`,
      providerCode: 'bluesky-sub-mismatch',
    });
  }
  if (!tokens.scopes.includes('atproto')) {
    throw new ProviderError({
      kind: 'permission_lost',
      message: `BLUESKY ${operation} failed: the token lacks scope atproto`,
      missingScopes: ['atproto'],
    });
  }
  return { ...tokens, tokenType: 'DPoP', extra: operation === 'exchange' ? extra : {} };
}

function failure(
  response: HttpResponse,
  deps: AtprotoOAuthDeps,
  operation: ProviderOperation,
  secrets: string[],
): ProviderError {
  return classifyErrorResponse(response, {
    provider: 'BLUESKY',
    operation,
    now: deps.clock.now(),
    secrets,
  });
}

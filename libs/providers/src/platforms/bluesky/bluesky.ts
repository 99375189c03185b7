import { CodedError } from '@switchboard/contracts';
import type {
  AuthorizationUrlParams,
  ExchangeCodeParams,
  ProviderAdapter,
  RefreshParams,
  RevokeParams,
} from '../../adapter';
import type { DirectConnector } from '../../direct-connect';
import type { HttpClient } from '../../http';
import type { JsonObject } from '../../json';
import type { PlatformContext, PlatformDefinition } from '../../platform-definition';
import { isProviderError, ProviderError } from '../../provider-error';
import type { FlowContext, ServerDiscovery } from '../../server-discovery';
import { discoverAuthServer } from './atproto-discovery';
import {
  parseAtprotoIdentifier,
  resolveAtprotoIdentity,
  systemTxtResolver,
  type IdentityResolverDeps,
} from './atproto-identity';
import { createSession, deleteSession, refreshSession } from './bluesky-app-password';
import { BLUESKY_SCOPES, blueskyClientId, publicUrlOfCallback } from './bluesky-client-metadata';
import { readBlueskyExtra } from './bluesky-extra';
import { blueskyIdentity } from './bluesky-profile';
import {
  exchangeAtprotoCode,
  pushAuthorizationRequest,
  refreshAtprotoTokens,
  revokeAtprotoToken,
  type BlueskyOAuthExtra,
} from './bluesky-oauth';
import { dpopKeyFrom, generateDpopKey } from './dpop';

/** The entryway accounts hosted by Bluesky sign in at (an email identifier has no handle to resolve). */
export const BLUESKY_ENTRYWAY = 'https://bsky.social';

interface Deps {
  /** Everything discovered from user input goes through the guarded client. */
  http: HttpClient;
  context: PlatformContext;
  resolver: IdentityResolverDeps;
}

function deps(context: PlatformContext): Deps {
  const http = context.guardedHttp ?? context.http;
  // With the sandbox (or BLUESKY_BASE_URL) the fixed hosts are rewritten: handles resolve over HTTP there.
  const entryway = context.endpoint(`${BLUESKY_ENTRYWAY}/`).replace(/\/$/, '');
  const rewritten = entryway !== BLUESKY_ENTRYWAY;
  return {
    http,
    context,
    resolver: {
      http,
      wellKnownDidUrl: (handle) =>
        rewritten
          ? `${entryway}/.well-known/atproto-did?handle=${encodeURIComponent(handle)}`
          : `https://${handle}/.well-known/atproto-did`,
      plcUrl: (did) => context.endpoint(`https://plc.directory/${did}`),
      resolveTxt: rewritten ? null : systemTxtResolver,
    },
  };
}

function notDiscovered(): Error {
  return new Error('BLUESKY authorizes through discovery (serverUrl = the handle)');
}

function discovery(d: Deps): ServerDiscovery {
  const oauth = { http: d.http, clock: d.context.clock };
  return {
    async discover(serverInput) {
      if (!serverInput) {
        throw new ProviderError({
          kind: 'invalid_request',
          message: 'BLUESKY needs serverUrl: the Bluesky handle (or DID) to sign in with',
          providerCode: 'bluesky-invalid-handle',
        });
      }
      const identity = await resolveAtprotoIdentity(serverInput, d.resolver);
      const server = await discoverAuthServer(d.http, identity.pdsUrl);
      return {
        loginHint: serverInput.trim().replace(/^@/, ''),
        did: identity.did,
        handle: identity.handle,
        pdsUrl: identity.pdsUrl,
        issuer: server.issuer,
        parEndpoint: server.parEndpoint,
        authorizationEndpoint: server.authorizationEndpoint,
        tokenEndpoint: server.tokenEndpoint,
        revocationEndpoint: server.revocationEndpoint,
      };
    },
    async authorize(params: AuthorizationUrlParams, flow: FlowContext) {
      if (!params.codeChallenge) throw new Error('BLUESKY requires PKCE');
      const key = generateDpopKey();
      const session = { key, nonce: null as string | null };
      const url = await pushAuthorizationRequest(oauth, serverOf(flow), session, {
        clientId: clientIdFor(params.redirectUri),
        redirectUri: params.redirectUri,
        scopes: params.scopes,
        state: params.state,
        codeChallenge: params.codeChallenge,
        loginHint: text(flow, 'loginHint'),
      });
      return {
        url,
        context: { ...flow, dpopKey: { ...key.privateJwk }, dpopNonce: session.nonce },
      };
    },
    issuer: (flow) => text(flow, 'issuer'),
    async exchangeCode(params: ExchangeCodeParams, flow: FlowContext) {
      const extra: BlueskyOAuthExtra = {
        mode: 'oauth',
        did: text(flow, 'did'),
        handle: typeof flow.handle === 'string' ? flow.handle : null,
        pdsUrl: text(flow, 'pdsUrl'),
        issuer: text(flow, 'issuer'),
        tokenEndpoint: text(flow, 'tokenEndpoint'),
        revocationEndpoint:
          typeof flow.revocationEndpoint === 'string' ? flow.revocationEndpoint : null,
        clientId: clientIdFor(params.redirectUri),
        dpopKey: flow.dpopKey as JsonObject,
      };
      return exchangeAtprotoCode(oauth, dpopKeyFrom(flow.dpopKey), {
        code: params.code,
        redirectUri: params.redirectUri,
        codeVerifier: params.codeVerifier ?? '',
        extra,
        nonce: typeof flow.dpopNonce === 'string' ? flow.dpopNonce : null,
      });
    },
  };
}

function serverOf(flow: FlowContext) {
  return {
    issuer: text(flow, 'issuer'),
    parEndpoint: text(flow, 'parEndpoint'),
    authorizationEndpoint: text(flow, 'authorizationEndpoint'),
    tokenEndpoint: text(flow, 'tokenEndpoint'),
    revocationEndpoint:
      typeof flow.revocationEndpoint === 'string' ? flow.revocationEndpoint : null,
  };
}

function text(flow: FlowContext, key: string): string {
  const value = flow[key];
  if (typeof value !== 'string') throw new Error(`BLUESKY flow context lacks ${key}`);
  return value;
}

function clientIdFor(redirectUri: string): string {
  const publicUrl = publicUrlOfCallback(redirectUri);
  if (!publicUrl) throw new Error('BLUESKY redirect URI is not the gateway callback');
  return blueskyClientId(publicUrl);
}

/**
 * BLUESKY (AT Protocol OAuth): a public client whose client_id is the gateway's client-metadata
 * document; per-user discovery (handle → DID → PDS → authorization server), PAR, PKCE S256,
 * DPoP (a fresh ES256 key per session, server nonces answered), single-use rotating refresh
 * tokens, RFC 7009 revocation. App-password sessions are connected through `direct`.
 */
function createBluesky(context: PlatformContext): ProviderAdapter {
  const d = deps(context);
  const clock = context.clock;
  const oauth = { http: d.http, clock };
  const unsupported = (): never => {
    throw notDiscovered();
  };
  return {
    type: 'BLUESKY',
    pkce: 'S256',
    expectedIssuer: null,
    refreshRotates: true,
    requiredScopes: () => ['atproto'],
    defaultScopes: () => [...BLUESKY_SCOPES],
    authorizationUrl: unsupported,
    exchangeCode: () => Promise.reject(notDiscovered()),
    identify: (tokens) => blueskyIdentity(d.http, clock, tokens),
    async refresh(params: RefreshParams) {
      const extra = readBlueskyExtra(params.extra);
      return extra.mode === 'oauth'
        ? refreshAtprotoTokens(oauth, extra, params.refreshToken)
        : refreshSession(oauth, extra, params.refreshToken);
    },
    async revoke(params: RevokeParams) {
      const extra = readBlueskyExtra(params.extra);
      if (extra.mode === 'app-password') {
        return params.refreshToken
          ? deleteSession(oauth, extra, params.refreshToken)
          : { revoked: false };
      }
      if (params.refreshToken) {
        return revokeAtprotoToken(oauth, extra, params.refreshToken, 'refresh_token');
      }
      if (params.accessToken) {
        return revokeAtprotoToken(oauth, extra, params.accessToken, 'access_token');
      }
      return { revoked: false };
    },
    refreshable: (tokens) =>
      tokens.refreshToken !== null &&
      (tokens.refreshExpiresAt === null || tokens.refreshExpiresAt > clock.now()),
    channels: null,
    pushRevocation: null,
    discovery: discovery(d),
  };
}

/** `{identifier, appPassword}`: one `createSession`, then the session is refreshed, never re-created. */
function blueskyAppPassword(context: PlatformContext): DirectConnector {
  const d = deps(context);
  return {
    fields: ['identifier', 'appPassword'],
    secretFields: ['appPassword'],
    async connect(input) {
      const identifier = (input.identifier ?? '').trim().replace(/^@/, '');
      const appPassword = input.appPassword ?? '';
      if (!identifier || identifier.length > 253 || !appPassword || appPassword.length > 200) {
        throw new CodedError('validation-failed', 'identifier and appPassword are required');
      }
      try {
        const pdsUrl = parseAtprotoIdentifier(identifier)
          ? (await resolveAtprotoIdentity(identifier, d.resolver)).pdsUrl
          : context.endpoint(`${BLUESKY_ENTRYWAY}/`).replace(/\/$/, '');
        const tokens = await createSession(
          { http: d.http, clock: context.clock },
          pdsUrl,
          identifier,
          appPassword,
        );
        return { identity: await blueskyIdentity(d.http, context.clock, tokens), tokens };
      } catch (error) {
        if (isProviderError(error) && error.kind === 'invalid_request') {
          throw new CodedError(
            error.providerCode?.startsWith('bluesky-') || error.providerCode === 'url-not-allowed'
              ? error.providerCode
              : 'bluesky-invalid-credentials',
            error.message.replace(/^BLUESKY: /, ''),
          );
        }
        throw error;
      }
    },
  };
}

export const blueskyPlatform: PlatformDefinition = {
  type: 'BLUESKY',
  app: 'none',
  create: createBluesky,
  direct: blueskyAppPassword,
};

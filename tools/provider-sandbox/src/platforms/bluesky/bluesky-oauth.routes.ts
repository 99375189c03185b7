import express, { type Request, type Response, type Router } from 'express';
import { randomBytes } from 'node:crypto';

import { HTML_PAGE_HEADERS } from '../../core/html';
import { authorize } from '../../core/oauth/authorize';
import { renderAuthorizeErrorPage, renderConsentPage } from '../../core/oauth/authorize-pages';
import type { PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import { checkDpopProof } from './bluesky-dpop';
import { blueskyStore, type BlueskyStore } from './bluesky-store';

const PAR_TTL_MS = 5 * 60 * 1000;
const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';
const PAR_FIELDS = [
  'client_id',
  'response_type',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'login_hint',
] as const;

function oauthError(
  res: Response,
  store: BlueskyStore,
  status: number,
  error: string,
  description: string,
): void {
  res
    .status(status)
    .set({ 'DPoP-Nonce': store.nonce(), 'cache-control': 'no-store' })
    .json({ error, error_description: description });
}

/** The DPoP gate of PAR, token and revocation: a bad proof is 400, a missing nonce `use_dpop_nonce`. */
function dpopGate(state: SandboxState, req: Request, res: Response): string | null {
  const store = blueskyStore(state);
  const check = checkDpopProof(
    req.headers.dpop,
    req.method,
    `${state.origin}${req.originalUrl}`,
    store,
    state.clock(),
  );
  if (!check.ok) {
    oauthError(res, store, 400, check.error, check.description);
    return null;
  }
  res.setHeader('DPoP-Nonce', store.nonce());
  return check.jkt;
}

/** Reads the client-metadata document at the client_id URL, as atproto authorization servers do. */
async function clientMetadata(clientId: string): Promise<Record<string, unknown> | null> {
  try {
    const response = await fetch(clientId, {
      redirect: 'manual',
      signal: AbortSignal.timeout(5000),
    });
    if (response.status !== 200) return null;
    const document = (await response.json()) as Record<string, unknown>;
    return document.client_id === clientId ? document : null;
  } catch {
    return null;
  }
}

/**
 * Bluesky's authorization server quirks: PAR only (the authorize endpoint takes `client_id` +
 * `request_uri`), DPoP on PAR, token and revocation with mandatory server nonces, a public
 * client identified by its metadata document URL, tokens bound to the DPoP key that pushed the
 * request.
 */
export function blueskyOAuthRoutes(
  router: Router,
  state: SandboxState,
  platform: PlatformDefinition,
): void {
  const form = express.urlencoded({ extended: false, limit: '32kb' });

  router.post('/oauth/par', form, async (req, res) => {
    const store = blueskyStore(state);
    const jkt = dpopGate(state, req, res);
    if (jkt === null) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const params: Record<string, string> = {};
    for (const field of PAR_FIELDS) {
      const value = body[field];
      if (typeof value === 'string' && value.length <= 2048) params[field] = value;
    }
    if (!params.client_id || !/^https?:\/\//.test(params.client_id)) {
      oauthError(
        res,
        store,
        400,
        'invalid_client',
        'client_id must be the URL of a client metadata document',
      );
      return;
    }
    if (params.code_challenge_method !== 'S256' || !params.code_challenge || !params.state) {
      oauthError(res, store, 400, 'invalid_request', 'PKCE S256 and state are required');
      return;
    }
    if (!(params.scope ?? '').split(' ').includes('atproto')) {
      oauthError(res, store, 400, 'invalid_scope', 'scope must include atproto');
      return;
    }
    const metadata = await clientMetadata(params.client_id);
    const redirectUris = Array.isArray(metadata?.redirect_uris)
      ? (metadata.redirect_uris as unknown[])
      : [];
    if (
      !metadata ||
      metadata.dpop_bound_access_tokens !== true ||
      !redirectUris.includes(params.redirect_uri)
    ) {
      oauthError(
        res,
        store,
        400,
        'invalid_client',
        'client metadata document missing, or redirect_uri not in it',
      );
      return;
    }
    state.clients.register({
      clientId: params.client_id,
      public: true,
      redirectUris: redirectUris.filter((u): u is string => typeof u === 'string'),
    });
    const requestUri = `${REQUEST_URI_PREFIX}${randomBytes(16).toString('base64url')}`;
    store.pushed.set(requestUri, { params, jkt, expiresAt: state.clock() + PAR_TTL_MS });
    store.challengeJkt.set(params.code_challenge, jkt);
    store.counters.pushedRequests += 1;
    res
      .status(201)
      .set('cache-control', 'no-store')
      .json({ request_uri: requestUri, expires_in: PAR_TTL_MS / 1000 });
  });

  router.get('/oauth/authorize', (req, res) => {
    const store = blueskyStore(state);
    const requestUri = typeof req.query.request_uri === 'string' ? req.query.request_uri : '';
    const pushed = store.pushed.get(requestUri);
    const errorPage = (message: string) =>
      res
        .status(400)
        .set(HTML_PAGE_HEADERS)
        .send(renderAuthorizeErrorPage(platform.displayName, message));
    if (!pushed || pushed.expiresAt < state.clock()) {
      errorPage(
        'This authorization request is unknown or expired (pushed authorization requests only)',
      );
      return;
    }
    if (req.query.client_id !== pushed.params.client_id) {
      errorPage('client_id does not match the pushed request');
      return;
    }
    const action =
      typeof req.query.sandbox_action === 'string' ? req.query.sandbox_action : undefined;
    const user = typeof req.query.sandbox_user === 'string' ? req.query.sandbox_user : undefined;
    if (action !== undefined) store.pushed.delete(requestUri);
    const outcome = authorize(state, platform, {
      ...pushed.params,
      ...(action === undefined ? {} : { sandbox_action: action }),
      ...(user === undefined ? {} : { sandbox_user: user }),
    });
    if (outcome.kind === 'redirect')
      res.set('cache-control', 'no-store').redirect(302, outcome.location);
    else if (outcome.kind === 'consent')
      res.status(200).set(HTML_PAGE_HEADERS).send(renderConsentPage(outcome.view));
    else errorPage(outcome.message);
  });

  // Token and revocation: the DPoP gate, the key binding, then the shared OAuth core.
  router.post('/oauth/token', form, (req, res, next) => {
    const store = blueskyStore(state);
    const jkt = dpopGate(state, req, res);
    if (jkt === null) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const bound = boundKey(state, store, body, res);
    if (bound !== undefined && bound !== jkt) {
      oauthError(
        res,
        store,
        400,
        'invalid_dpop_proof',
        'DPoP key does not match the one the grant is bound to',
      );
      return;
    }
    next();
  });

  router.post('/oauth/revoke', form, (req, res, next) => {
    if (dpopGate(state, req, res) === null) return;
    next();
  });
}

/** The key a token request must be signed with: the PAR key for a code, the grant's for a refresh. */
function boundKey(
  state: SandboxState,
  store: BlueskyStore,
  body: Record<string, unknown>,
  res: Response,
): string | undefined {
  if (body.grant_type === 'authorization_code' && typeof body.code === 'string') {
    const code = state.grants.findCode(body.code);
    const jkt = code?.pkce ? store.challengeJkt.get(code.pkce.challenge) : undefined;
    if (code && jkt) {
      // the grant the code creates keeps the key (the code's grant id is set by the exchange)
      res.once('finish', () => {
        if (code.grantId) store.grantJkt.set(code.grantId, jkt);
      });
    }
    return jkt;
  }
  if (body.grant_type === 'refresh_token' && typeof body.refresh_token === 'string') {
    const record = state.grants.findRefreshToken(body.refresh_token);
    return record ? store.grantJkt.get(record.grantId) : undefined;
  }
  return undefined;
}

import express, { type RequestHandler, type Router } from 'express';
import { z } from 'zod';

import type { SandboxState } from '../core/sandbox-state';
import { defaultClientId } from '../core/state/clients';
import type { AuthorizationCode } from '../core/state/grants';
import { platformFor, PLATFORMS } from '../platforms/registry';
import { controlBodyErrorHandler, parseOr400 } from './control-errors';
import { PlatformTypeParamSchema } from './control.schemas';

const MintGrantsSchema = z.strictObject({
  type: PlatformTypeParamSchema,
  count: z.number().int().min(1).max(20_000),
  /** Users `<prefix>-0`, `<prefix>-1`, …; an `empty-` prefix keeps them cheap (no entities). */
  userPrefix: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,50}$/,
      'expected 1-51 characters: letters, digits, . _ @ + -',
    ),
  /** Granted scopes; default: the scope the platform needs to issue a refresh token, if any. */
  scopes: z.array(z.string().min(1).max(200)).max(50).optional(),
  clientId: z.string().min(1).max(200).optional(),
});

const LatencySchema = z.strictObject({
  type: PlatformTypeParamSchema,
  /** How long every token call of `type` waits before it is answered. */
  ms: z.number().int().min(0).max(60_000),
});

const ClearFaultsSchema = z.strictObject({ type: PlatformTypeParamSchema });

/** Where minted grants say they were redirected to; no real redirect ever happened. */
const MINTED_REDIRECT_URI = 'urn:sandbox:minted';

export interface LoadControls {
  /** `/_sandbox/grants`, `/_sandbox/latency`, `/_sandbox/faults/clear`. */
  readonly router: Router;
  /** Holds token calls for the configured latency; mount before the platform routers. */
  readonly delayTokenCalls: RequestHandler;
}

/**
 * Knobs for load tests and benchmarks: mint many grants at once (as if that many users had
 * consented), give token endpoints a realistic latency, and end an injected outage early.
 */
export function loadControls(state: SandboxState): LoadControls {
  const latencyByPath = new Map<string, number>();
  const tokenPathOf = (type: string) => {
    const platform = PLATFORMS.find((p) => p.type === type);
    return platform ? `${platform.basePath}${platform.paths.token}` : undefined;
  };

  const router = express.Router();
  router.use(express.json({ limit: '100kb' }));

  router.post('/grants', (req, res) => {
    const body = parseOr400(MintGrantsSchema, req.body, res);
    if (body === undefined) return;
    const platform = platformFor(body.type);
    const policy = platform.refreshTokens;
    const scopes =
      body.scopes ?? (typeof policy.issue === 'object' ? [policy.issue.whenScope] : []);
    const withRefresh =
      policy.issue === 'always' ||
      (typeof policy.issue === 'object' && scopes.includes(policy.issue.whenScope));
    const lifetimes = state.lifetimes.resolve(platform.type, platform.defaultLifetimes);
    const clientId = body.clientId ?? defaultClientId(platform.type);
    const items = Array.from({ length: body.count }, (_, i) => {
      const user = state.users.getOrCreate(`${body.userPrefix}-${i}`);
      const code: AuthorizationCode = {
        type: platform.type,
        clientId,
        userName: user.name,
        userId: user.id,
        scopes,
        redirectUri: MINTED_REDIRECT_URI,
        pkce: null,
        expiresAt: state.clock(),
        consumed: true,
        grantId: null,
      };
      const grant = state.grants.createGrant(code);
      const access = state.grants.issueAccessToken(grant, scopes, lifetimes.accessSeconds);
      const refresh = withRefresh
        ? state.grants.issueRefreshToken(grant, lifetimes.refreshSeconds, policy.expiry)
        : null;
      return {
        grantId: grant.id,
        user: user.name,
        accessToken: access.token,
        refreshToken: refresh?.token ?? null,
        expiresIn: access.expiresIn,
        refreshExpiresIn: refresh?.expiresIn ?? null,
        scopes,
      };
    });
    res.status(201).json({ items });
  });

  router.post('/latency', (req, res) => {
    const body = parseOr400(LatencySchema, req.body, res);
    if (body === undefined) return;
    const path = tokenPathOf(body.type);
    if (path !== undefined) latencyByPath.set(path, body.ms);
    res.json({ type: body.type, ms: body.ms });
  });

  router.post('/faults/clear', (req, res) => {
    const body = parseOr400(ClearFaultsSchema, req.body, res);
    if (body === undefined) return;
    let cleared = 0;
    while (state.faults.pending(body.type) > 0) {
      state.faults.take(body.type);
      cleared += 1;
    }
    res.json({ type: body.type, cleared });
  });

  // a reset also forgets the latency; the control router answers it
  router.post('/reset', (_req, _res, next) => {
    latencyByPath.clear();
    next();
  });

  router.use(controlBodyErrorHandler);

  const delayTokenCalls: RequestHandler = (req, _res, next) => {
    const ms = req.method === 'POST' ? latencyByPath.get(req.path) : undefined;
    if (!ms) {
      next();
      return;
    }
    setTimeout(next, ms);
  };

  return { router, delayTokenCalls };
}

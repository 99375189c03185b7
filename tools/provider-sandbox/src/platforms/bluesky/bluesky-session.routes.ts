import express, { type Response, type Router } from 'express';
import { createHmac, randomBytes } from 'node:crypto';

import type { SandboxState } from '../../core/sandbox-state';
import { UserNameSchema } from '../../core/state/user-name';
import { blueskyStore, didFor, handleFor, userOfHandle, type AppSession } from './bluesky-store';

const SIGNING_KEY = randomBytes(32);
const GRACE_MS = 2 * 3600 * 1000;
const LOGIN_WINDOW_MS = 5 * 60 * 1000;
const LOGINS_PER_WINDOW = 30;
/** What Bluesky's app passwords look like: four groups of four. */
const APP_PASSWORD = /^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/;

function xrpcError(res: Response, status: number, error: string, message: string): void {
  res.status(status).json({ error, message });
}

function jwt(claims: Record<string, unknown>): string {
  const head = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const sig = createHmac('sha256', SIGNING_KEY).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export function readJwt(token: string): Record<string, unknown> | null {
  const [head, body, sig] = token.split('.');
  if (!head || !body || !sig) return null;
  const expected = createHmac('sha256', SIGNING_KEY).update(`${head}.${body}`).digest('base64url');
  if (expected !== sig) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * The legacy app-password session API of a PDS (`com.atproto.server.*`): `createSession` with
 * `{identifier, password}` (rate-limited: 30 per 5 minutes per identifier, then 429 with
 * `RateLimit-*` headers), `refreshSession` and `deleteSession` with `Bearer <refreshJwt>`.
 * Refresh JWTs rotate; an old one keeps working for a 2-hour grace period (reference PDS).
 * Passwords must look like app passwords (`xxxx-xxxx-xxxx-xxxx`); users named `twofactor-…`
 * answer `AuthFactorTokenRequired`.
 */
export function blueskySessionRoutes(router: Router, state: SandboxState): void {
  const json = express.json({ limit: '16kb' });

  const issue = (session: AppSession, sessionId: string) => {
    const now = Math.floor(state.clock() / 1000);
    const lifetimes = state.lifetimes.resolve('BLUESKY', {
      accessSeconds: 7200,
      refreshSeconds: 90 * 86400,
    });
    const refreshId = randomBytes(12).toString('base64url');
    session.current = refreshId;
    return {
      accessJwt: jwt({
        scope: 'com.atproto.appPass',
        sub: session.did,
        iat: now,
        exp: now + lifetimes.accessSeconds,
      }),
      refreshJwt: jwt({
        scope: 'com.atproto.refresh',
        sub: session.did,
        sid: sessionId,
        jti: refreshId,
        iat: now,
        exp: now + (lifetimes.refreshSeconds ?? 90 * 86400),
      }),
      handle: handleFor(session.userName),
      did: session.did,
      active: true,
    };
  };

  router.post('/xrpc/com.atproto.server.createSession', json, (req, res) => {
    const store = blueskyStore(state);
    store.counters.createSession += 1;
    state.stats.countTokenCall('BLUESKY', 'createSession');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const identifier = typeof body.identifier === 'string' ? body.identifier.toLowerCase() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const now = state.clock();
    const recent = (store.logins.get(identifier) ?? []).filter((at) => now - at < LOGIN_WINDOW_MS);
    if (recent.length >= LOGINS_PER_WINDOW) {
      res.set({
        'RateLimit-Limit': String(LOGINS_PER_WINDOW),
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': String(Math.ceil((recent[0] + LOGIN_WINDOW_MS) / 1000)),
        'RateLimit-Policy': `${LOGINS_PER_WINDOW};w=300`,
      });
      xrpcError(res, 429, 'RateLimitExceeded', 'Rate Limit Exceeded');
      return;
    }
    store.logins.set(identifier, [...recent, now]);
    const userName = userOfHandle(identifier) ?? identifier.replace(/@.*$/, '');
    if (!UserNameSchema.safeParse(userName).success) {
      xrpcError(res, 400, 'InvalidRequest', 'Input/identifier must be a string');
      return;
    }
    if (userName.startsWith('twofactor-')) {
      xrpcError(
        res,
        401,
        'AuthFactorTokenRequired',
        'A sign in code has been sent to your email address',
      );
      return;
    }
    if (!APP_PASSWORD.test(password)) {
      xrpcError(res, 401, 'AuthenticationRequired', 'Invalid identifier or password');
      return;
    }
    state.users.getOrCreate(userName);
    const sessionId = randomBytes(12).toString('base64url');
    const session: AppSession = {
      did: didFor(userName),
      userName,
      status: 'active',
      current: '',
      graceUntil: new Map(),
    };
    store.sessions.set(sessionId, session);
    res.json(issue(session, sessionId));
  });

  type Found =
    | { ok: false; problem: 'InvalidToken' | 'ExpiredToken' | 'revoked' }
    | { ok: true; session: AppSession; sessionId: string; jti: string };
  const bearerSession = (authorization: string | undefined): Found => {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
    const claims = readJwt(token);
    if (!claims || claims.scope !== 'com.atproto.refresh')
      return { ok: false, problem: 'InvalidToken' };
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < state.clock())
      return { ok: false, problem: 'ExpiredToken' };
    const sessionId = String(claims.sid);
    const session = blueskyStore(state).sessions.get(sessionId);
    if (!session || session.status === 'revoked') return { ok: false, problem: 'revoked' };
    const jti = String(claims.jti);
    const graceEnd = session.graceUntil.get(jti);
    if (jti !== session.current && (graceEnd === undefined || graceEnd < state.clock())) {
      return { ok: false, problem: 'revoked' };
    }
    return { ok: true, session, sessionId, jti };
  };

  router.post('/xrpc/com.atproto.server.refreshSession', (req, res) => {
    const store = blueskyStore(state);
    store.counters.refreshSession += 1;
    state.stats.countTokenCall('BLUESKY', 'refreshSession');
    const found = bearerSession(req.headers.authorization);
    if (!found.ok) {
      if (found.problem === 'revoked')
        xrpcError(res, 400, 'ExpiredToken', 'Token has been revoked');
      else
        xrpcError(
          res,
          400,
          found.problem,
          found.problem === 'ExpiredToken' ? 'Token has expired' : 'Token could not be verified',
        );
      return;
    }
    found.session.graceUntil.set(found.jti, state.clock() + GRACE_MS);
    res.json(issue(found.session, found.sessionId));
  });

  router.post('/xrpc/com.atproto.server.deleteSession', (req, res) => {
    const store = blueskyStore(state);
    store.counters.deleteSession += 1;
    state.stats.countRevokeCall('BLUESKY');
    const found = bearerSession(req.headers.authorization);
    if (!found.ok) {
      xrpcError(
        res,
        400,
        found.problem === 'revoked' ? 'ExpiredToken' : found.problem,
        'Token could not be used',
      );
      return;
    }
    found.session.status = 'revoked';
    res.status(200).end();
  });
}

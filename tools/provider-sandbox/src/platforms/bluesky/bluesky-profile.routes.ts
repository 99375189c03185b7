import type { Request, Response, Router } from 'express';

import type { SandboxState } from '../../core/sandbox-state';
import { checkDpopProof } from './bluesky-dpop';
import { readJwt } from './bluesky-session.routes';
import { blueskyStore, didFor, handleFor } from './bluesky-store';

function unauthorized(res: Response, message: string): void {
  res.status(401).json({ error: 'AuthenticationRequired', message });
}

/**
 * `GET /xrpc/app.bsky.actor.getProfile?actor=<did>` as a PDS answers it (proxied to the AppView):
 * with a DPoP-bound OAuth token (`Authorization: DPoP …` plus a proof carrying `ath` and the
 * server's nonce — without it, 401 `WWW-Authenticate: DPoP error="use_dpop_nonce"`), or with an
 * app-password session's `Bearer <accessJwt>`.
 */
export function blueskyProfileRoutes(router: Router, state: SandboxState): void {
  router.get('/xrpc/app.bsky.actor.getProfile', (req: Request, res: Response) => {
    const store = blueskyStore(state);
    const authorization = req.headers.authorization ?? '';
    let userName: string | null = null;
    if (authorization.startsWith('DPoP ')) {
      const token = authorization.slice(5);
      const check = checkDpopProof(
        req.headers.dpop,
        req.method,
        `${state.origin}${req.originalUrl}`,
        store,
        state.clock(),
        token,
      );
      if (!check.ok) {
        res
          .status(401)
          .set({
            'WWW-Authenticate': `DPoP error="${check.error}", error_description="${check.description}"`,
            'DPoP-Nonce': store.nonce(),
          })
          .json({ error: check.error, message: check.description });
        return;
      }
      res.setHeader('DPoP-Nonce', store.nonce());
      const record = state.grants.findAccessToken(token);
      const grant = record ? state.grants.getGrant(record.grantId) : undefined;
      if (
        !record ||
        !grant ||
        grant.status !== 'active' ||
        record.expiresAt < state.clock() ||
        store.grantJkt.get(grant.id) !== check.jkt
      ) {
        unauthorized(res, 'Bad token');
        return;
      }
      userName = grant.userName;
    } else if (authorization.startsWith('Bearer ')) {
      const claims = readJwt(authorization.slice(7));
      const session = [...store.sessions.values()].find((s) => s.did === claims?.sub);
      if (
        !claims ||
        claims.scope !== 'com.atproto.appPass' ||
        typeof claims.exp !== 'number' ||
        claims.exp * 1000 < state.clock() ||
        !session ||
        session.status !== 'active'
      ) {
        unauthorized(res, 'Bad token');
        return;
      }
      userName = session.userName;
    } else {
      unauthorized(res, 'Authentication Required');
      return;
    }
    const user = state.users.getOrCreate(userName);
    const did = didFor(user.name);
    if (req.query.actor !== did && req.query.actor !== handleFor(user.name)) {
      res.status(400).json({ error: 'InvalidRequest', message: 'Profile not found' });
      return;
    }
    res.json({
      did,
      handle: handleFor(user.name),
      displayName: user.displayName,
      avatar: user.avatarUrl,
    });
  });
}

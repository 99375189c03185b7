import express, { type Router } from 'express';

import type { SandboxState } from '../core/sandbox-state';
import { PLATFORMS, platformFor } from '../platforms/registry';
import { avatarSvg } from './avatar';
import { controlBodyErrorHandler, parseOr400 } from './control-errors';
import {
  ClientRegistrationSchema,
  FailRequestSchema,
  GrantsQuerySchema,
  RevokeRequestSchema,
  TtlRequestSchema,
  UserParamsSchema,
} from './control.schemas';

/**
 * `/_sandbox/*`: the knobs tests and dev mode turn. `onReset` clears what lives outside the
 * OAuth state (the mailbox).
 */
export function controlRouter(state: SandboxState, onReset: () => void): Router {
  const router = express.Router();
  router.use(express.json({ limit: '100kb' }));

  router.get('/health', (_req, res) => {
    res.json({ ok: true });
  });

  router.post('/fail', (req, res) => {
    const body = parseOr400(FailRequestSchema, req.body, res);
    if (body === undefined) return;
    state.faults.add(body.type, body.kind, body.count, body.retryAfterSeconds);
    res.json({ type: body.type, pendingFaults: state.faults.pending(body.type) });
  });

  router.post('/ttl', (req, res) => {
    const body = parseOr400(TtlRequestSchema, req.body, res);
    if (body === undefined) return;
    const lifetimes = state.lifetimes.set(
      body.type,
      platformFor(body.type).defaultLifetimes,
      body.accessTtlSeconds,
      body.refreshTtlSeconds,
    );
    res.json({
      type: body.type,
      accessTtlSeconds: lifetimes.accessSeconds,
      refreshTtlSeconds: lifetimes.refreshSeconds,
    });
  });

  router.post('/revoke', (req, res) => {
    const body = parseOr400(RevokeRequestSchema, req.body, res);
    if (body === undefined) return;
    res.json({ revoked: state.grants.revokeUserGrants(body.type, body.user) });
  });

  router.get('/stats', (_req, res) => {
    res.json(state.stats.snapshot());
  });

  router.post('/reset', (_req, res) => {
    state.reset();
    onReset();
    res.json({ reset: true });
  });

  router.get('/grants', (req, res) => {
    const query = parseOr400(GrantsQuerySchema, req.query, res);
    if (query === undefined) return;
    res.json({ items: state.grants.list(query) });
  });

  router.post('/clients', (req, res) => {
    const body = parseOr400(ClientRegistrationSchema, req.body, res);
    if (body === undefined) return;
    const client = state.clients.register({
      clientId: body.clientId,
      public: body.public,
      redirectUris: body.redirectUris ?? null,
    });
    res.status(201).json(client);
  });

  router.get('/users/:name', (req, res) => {
    const params = parseOr400(UserParamsSchema, req.params, res);
    if (params === undefined) return;
    res.json(state.users.getOrCreate(params.name));
  });

  router.get('/avatars/:file', (req, res) => {
    const match = /^(\d{1,20})\.svg$/.exec(req.params.file);
    if (match?.[1] === undefined) {
      res.status(404).json({ code: 'not-found', message: 'No such avatar' });
      return;
    }
    res
      .type('image/svg+xml')
      .set('cache-control', 'public, max-age=86400')
      .send(avatarSvg(match[1]));
  });

  for (const platform of PLATFORMS) platform.controlRoutes?.(router, state);

  router.use(controlBodyErrorHandler);
  return router;
}

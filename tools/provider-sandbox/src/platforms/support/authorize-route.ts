import express, { type Response, type Router } from 'express';

import { HTML_PAGE_HEADERS } from '../../core/html';
import { authorize, type AuthorizeOutcome } from '../../core/oauth/authorize';
import { renderAuthorizeErrorPage, renderConsentPage } from '../../core/oauth/authorize-pages';
import type { PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';

/** Maps a platform's authorization parameters onto the RFC 6749 names the core reads. */
export type AuthorizeParamMapper = (
  params: Readonly<Record<string, unknown>>,
) => Record<string, unknown>;

/** TikTok names the app `client_key`; the sandbox's own consent form posts `client_id`. */
export const clientKeyAsClientId: AuthorizeParamMapper = (params) => {
  const { client_key: clientKey, ...rest } = params;
  return clientKey === undefined ? { ...rest } : { ...rest, client_id: clientKey };
};

export interface AuthorizeRouteOptions {
  readonly map?: AuthorizeParamMapper;
  /** Sees every outcome before it is sent (Google remembers `access_type` per code). */
  readonly onOutcome?: (
    outcome: AuthorizeOutcome,
    params: Readonly<Record<string, unknown>>,
  ) => void;
  /** Platform parameters the consent page must post back too (the core keeps only its own). */
  readonly keep?: readonly string[];
}

/**
 * The authorize endpoint at the platform's real path (GET, and the consent form's POST), for
 * platforms whose parameters the core does not read as they are sent.
 */
export function mountAuthorize(
  router: Router,
  state: SandboxState,
  platform: PlatformDefinition,
  options: AuthorizeRouteOptions = {},
): void {
  const form = express.urlencoded({ extended: false, limit: '32kb' });
  const handle = (raw: unknown, res: Response): void => {
    const received = isRecord(raw) ? raw : {};
    const params = options.map ? options.map(received) : { ...received };
    const outcome = withKeptFields(authorize(state, platform, params), params, options.keep ?? []);
    options.onOutcome?.(outcome, params);
    sendAuthorizeOutcome(res, platform, outcome);
  };
  router.get(platform.paths.authorize, (req, res) => handle(req.query, res));
  router.post(platform.paths.authorize, form, (req, res) => handle(req.body, res));
}

function withKeptFields(
  outcome: AuthorizeOutcome,
  params: Readonly<Record<string, unknown>>,
  keep: readonly string[],
): AuthorizeOutcome {
  if (outcome.kind !== 'consent' || keep.length === 0) return outcome;
  const kept: Record<string, string> = {};
  for (const name of keep) {
    const value = params[name];
    if (typeof value === 'string' && value.length <= 200) kept[name] = value;
  }
  return {
    ...outcome,
    view: { ...outcome.view, hiddenFields: { ...outcome.view.hiddenFields, ...kept } },
  };
}

/** The same answers the core gives: a redirect, the consent page, or an error page (never a redirect). */
export function sendAuthorizeOutcome(
  res: Response,
  platform: PlatformDefinition,
  outcome: AuthorizeOutcome,
): void {
  switch (outcome.kind) {
    case 'redirect':
      res.set('cache-control', 'no-store').redirect(302, outcome.location);
      return;
    case 'consent':
      res.status(200).set(HTML_PAGE_HEADERS).send(renderConsentPage(outcome.view));
      return;
    case 'error-page':
      res
        .status(400)
        .set(HTML_PAGE_HEADERS)
        .send(renderAuthorizeErrorPage(platform.displayName, outcome.message));
      return;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

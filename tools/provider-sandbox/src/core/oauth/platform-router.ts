import express, { type ErrorRequestHandler, type Router } from 'express';

import { isClientError } from '../client-error';
import { HTML_PAGE_HEADERS } from '../html';
import { sendReply } from '../http-reply';
import type { PlatformDefinition } from '../platform';
import type { SandboxState } from '../sandbox-state';
import { authorize, issuerOf } from './authorize';
import { renderAuthorizeErrorPage, renderConsentPage } from './authorize-pages';
import { invalidRequest } from './oauth-error';
import { revokeEndpoint } from './revoke-endpoint';
import { oauthErrorReply, tokenEndpoint } from './token-endpoint';
import { userInfoEndpoint } from './user-info-endpoint';

const FORM_LIMIT = '32kb';

/** The OAuth endpoints of one platform, mounted at its `basePath`. */
export function platformRouter(state: SandboxState, platform: PlatformDefinition): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: FORM_LIMIT });
  const { paths } = platform;

  const handleAuthorize = (params: unknown, res: express.Response): void => {
    const outcome = authorize(state, platform, params);
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
  };

  platform.prependRouter?.(router, state);
  router.get(paths.authorize, (req, res) => handleAuthorize(req.query, res));
  router.post(paths.authorize, form, (req, res) => handleAuthorize(req.body, res));
  router.post(paths.token, form, tokenEndpoint(state, platform));
  router.post(paths.revoke, form, revokeEndpoint(state, platform));
  router.get(paths.userInfo, userInfoEndpoint(state, platform));
  if (paths.metadata !== undefined && platform.metadata !== undefined) {
    const metadata = platform.metadata.bind(platform);
    router.get(paths.metadata, (_req, res) => {
      res.json(metadata(issuerOf(state, platform)));
    });
  }
  platform.extendRouter?.(router, state);

  // Malformed bodies: the consent form gets a page, everything else the platform's error body.
  const onBodyError: ErrorRequestHandler = (error: unknown, req, res, next) => {
    if (!isClientError(error)) {
      next(error);
      return;
    }
    if (req.path === paths.authorize) {
      res
        .status(400)
        .set(HTML_PAGE_HEADERS)
        .send(renderAuthorizeErrorPage(platform.displayName, 'Malformed request body'));
      return;
    }
    sendReply(res, oauthErrorReply(platform, invalidRequest('Malformed request body')));
  };
  router.use(onBodyError);
  return router;
}

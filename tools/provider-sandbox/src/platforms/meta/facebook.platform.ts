import type { PlatformDefinition } from '../../core/platform';
import { GRAPH_VERSION, facebookGraphRoutes } from './facebook-graph';
import { metaResponses } from './graph-replies';
import { META_CLIENT_AUTH } from './meta-client-auth';
import { metaControlRoutes } from './meta-control';

/** About 60 days, as Meta's long-lived token answers say (`expires_in: 5183944`). */
export const LONG_LIVED_SECONDS = 5_183_944;

/**
 * Facebook Login + Graph API for Facebook Pages at Meta's real paths (`www.facebook.com` and
 * `graph.facebook.com` both under `/facebook`). Quirks: no PKCE in the manual flow, scopes
 * comma-separated, code exchange by `GET`, short-lived (1 h) → long-lived (`/_sandbox/ttl`'s
 * access lifetime, 60 d by default) user tokens, no refresh tokens, Page tokens that never
 * expire when taken with a long-lived token, Graph error envelopes and usage headers.
 *
 * It also mounts the Meta controls (`/_sandbox/meta/…`, `/_sandbox/age`) for all four Meta types.
 */
export const facebookPlatform: PlatformDefinition = {
  type: 'FACEBOOK',
  displayName: 'Facebook',
  basePath: '/facebook',
  paths: {
    authorize: `/${GRAPH_VERSION}/dialog/oauth`,
    token: `/${GRAPH_VERSION}/oauth/access_token`,
    // Meta has no RFC 7009 endpoint: removing the app is `DELETE /{user-id}/permissions`, which
    // the Graph routes answer (they are mounted first, at these same paths).
    revoke: `/${GRAPH_VERSION}/me/permissions`,
    userInfo: `/${GRAPH_VERSION}/me`,
  },
  authorizationCodeTtlSeconds: 600,
  defaultLifetimes: { accessSeconds: LONG_LIVED_SECONDS, refreshSeconds: null },
  clientAuth: META_CLIENT_AUTH,
  pkce: { required: false, methods: ['S256', 'plain'] },
  sendsIssuer: false,
  scopes: { separator: ',', required: false },
  refreshTokens: { issue: 'never', rotation: 'reuse', expiry: 'sliding' },
  userInfo: {
    requiredScopes: [],
    render: (user) => ({ id: user.id, name: user.displayName }),
  },
  responses: metaResponses('pages'),
  prependRouter: (router, state) => facebookGraphRoutes(router, state, facebookPlatform),
  controlRoutes: metaControlRoutes,
};

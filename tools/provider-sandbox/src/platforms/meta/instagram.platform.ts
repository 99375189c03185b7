import type { PlatformDefinition } from '../../core/platform';
import { GRAPH_VERSION, facebookGraphRoutes } from './facebook-graph';
import { LONG_LIVED_SECONDS } from './facebook.platform';
import { metaResponses } from './graph-replies';
import { META_CLIENT_AUTH } from './meta-client-auth';

/**
 * Instagram API with Facebook Login: the same Facebook Login and Graph surface as FACEBOOK, under
 * `/instagram`, with its own grants and app. The accounts are the Instagram Business accounts on
 * the person's Pages (`instagram_business_account`, `/{ig-user-id}` with `instagram_basic`);
 * `personal-…` and `empty-…` users have none.
 */
export const instagramPlatform: PlatformDefinition = {
  type: 'INSTAGRAM',
  displayName: 'Instagram (Facebook Login)',
  basePath: '/instagram',
  paths: {
    authorize: `/${GRAPH_VERSION}/dialog/oauth`,
    token: `/${GRAPH_VERSION}/oauth/access_token`,
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
  responses: metaResponses('instagram'),
  prependRouter: (router, state) => facebookGraphRoutes(router, state, instagramPlatform),
};

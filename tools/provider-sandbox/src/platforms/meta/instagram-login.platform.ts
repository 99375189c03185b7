import type { PlatformDefinition } from '../../core/platform';
import type { SandboxUser } from '../../core/state/users';
import { GRAPH_VERSION } from './facebook-graph';
import { LONG_LIVED_SECONDS } from './facebook.platform';
import { metaResponses } from './graph-replies';
import { longLivedRoutes, type LongLivedSandboxSpec } from './long-lived-graph';
import { META_CLIENT_AUTH } from './meta-client-auth';
import { instagramLoginAccount } from './meta-users';

const SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_messages',
  'instagram_business_manage_comments',
  'instagram_business_manage_insights',
] as const;

function meNode(user: SandboxUser, origin: string): Record<string, unknown> {
  const account = instagramLoginAccount(user);
  return {
    id: account.id,
    user_id: account.id,
    username: account.username,
    name: user.displayName,
    account_type: account.accountType === 'BUSINESS' ? 'BUSINESS' : 'PERSONAL',
    profile_picture_url: `${origin}/_sandbox/avatars/${account.id}.svg`,
  };
}

const spec: LongLivedSandboxSpec = {
  exchangeGrantType: 'ig_exchange_token',
  refreshGrantType: 'ig_refresh_token',
  basicScope: 'instagram_business_basic',
  // Documented as wrapped in `data`, with the granted permissions comma-separated.
  codeAnswer: (token, user, scopes) => ({
    data: [
      {
        access_token: token,
        user_id: instagramLoginAccount(user).id,
        permissions: scopes.join(','),
      },
    ],
  }),
  refreshAnswerExtra: (scopes) => ({ permissions: scopes.join(',') }),
  me: {
    nodeType: 'User',
    fields: ['id', 'user_id', 'username', 'name', 'account_type', 'profile_picture_url'],
    defaults: ['id', 'user_id', 'username'],
    render: meNode,
  },
  hasFixedGrant: () => false,
};

/**
 * Instagram API with Instagram Login at its real paths (`www.instagram.com/oauth/authorize`,
 * `api.instagram.com/oauth/access_token`, `graph.instagram.com/{access_token,
 * refresh_access_token, me}` — all under `/instagram_login`). Quirks: the code exchange answers
 * `{data: [{access_token, user_id, permissions}]}` and errors `{error_type, code, error_message}`;
 * short-lived 1 h → long-lived 60 d (`ig_exchange_token`); `ig_refresh_token` only once the
 * token is 24 hours old (`/_sandbox/age` makes it older); no refresh token, no revocation.
 * `personal-…` users log in with a personal account (`account_type: PERSONAL`).
 */
export const instagramLoginPlatform: PlatformDefinition = {
  type: 'INSTAGRAM_LOGIN',
  displayName: 'Instagram',
  basePath: '/instagram_login',
  paths: {
    authorize: '/oauth/authorize',
    token: '/oauth/access_token',
    // No revocation endpoint exists; the core's route sits behind the token path's own route.
    revoke: '/oauth/access_token',
    userInfo: `/${GRAPH_VERSION}/me`,
  },
  authorizationCodeTtlSeconds: 3600,
  defaultLifetimes: { accessSeconds: LONG_LIVED_SECONDS, refreshSeconds: null },
  clientAuth: META_CLIENT_AUTH,
  pkce: { required: false, methods: ['S256', 'plain'] },
  sendsIssuer: false,
  scopes: { separator: ',', required: true, known: SCOPES },
  refreshTokens: { issue: 'never', rotation: 'reuse', expiry: 'sliding' },
  userInfo: { requiredScopes: ['instagram_business_basic'], render: (user) => meNode(user, '') },
  responses: metaResponses('instagram'),
  prependRouter: (router, state) => longLivedRoutes(router, state, instagramLoginPlatform, spec),
};

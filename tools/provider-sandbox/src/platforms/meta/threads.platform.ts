import type { PlatformDefinition } from '../../core/platform';
import type { SandboxUser } from '../../core/state/users';
import { LONG_LIVED_SECONDS } from './facebook.platform';
import { metaResponses } from './graph-replies';
import { longLivedRoutes, type LongLivedSandboxSpec } from './long-lived-graph';
import { META_CLIENT_AUTH } from './meta-client-auth';
import { PRIVATE_PROFILE_PREFIX } from './meta-users';

const SCOPES = [
  'threads_basic',
  'threads_content_publish',
  'threads_manage_replies',
  'threads_read_replies',
  'threads_manage_insights',
  'threads_delete',
  'threads_keyword_search',
  'threads_manage_mentions',
  'threads_profile_discovery',
] as const;

/** Private profiles' permission grants last 90 days (`/_sandbox/ttl`'s refresh lifetime). */
const PRIVATE_GRANT_SECONDS = 90 * 24 * 3600;

function meNode(user: SandboxUser, origin: string): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    name: user.displayName,
    threads_profile_picture_url: `${origin}/_sandbox/avatars/${user.id}.svg`,
    threads_biography: '',
  };
}

const spec: LongLivedSandboxSpec = {
  exchangeGrantType: 'th_exchange_token',
  refreshGrantType: 'th_refresh_token',
  basicScope: 'threads_basic',
  codeAnswer: (token, user) => ({ access_token: token, user_id: user.id }),
  refreshAnswerExtra: () => ({}),
  me: {
    nodeType: 'ThreadsUser',
    fields: ['id', 'username', 'name', 'threads_profile_picture_url', 'threads_biography'],
    defaults: ['id'],
    render: meNode,
  },
  hasFixedGrant: (user) => user.name.startsWith(PRIVATE_PROFILE_PREFIX),
};

/**
 * Threads at its real paths (`threads.net/oauth/authorize`, `graph.threads.net/oauth/access_token`,
 * `/access_token`, `/refresh_access_token`, `/v1.0/me` — all under `/threads`). Quirks: code
 * exchange answers `{access_token, user_id}` (no scopes, no lifetime); short-lived 1 h →
 * long-lived 60 d (`th_exchange_token`); `th_refresh_token` only once the token is 24 hours old;
 * `private-…` users have private profiles whose permission grant ends 90 days (the refresh
 * lifetime of `/_sandbox/ttl`) after consent and cannot be extended: no token outlives it.
 */
export const threadsPlatform: PlatformDefinition = {
  type: 'THREADS',
  displayName: 'Threads',
  basePath: '/threads',
  paths: {
    authorize: '/oauth/authorize',
    token: '/oauth/access_token',
    // No revocation endpoint exists; the core's route sits behind the token path's own route.
    revoke: '/oauth/access_token',
    userInfo: '/v1.0/me',
  },
  authorizationCodeTtlSeconds: 3600,
  defaultLifetimes: { accessSeconds: LONG_LIVED_SECONDS, refreshSeconds: PRIVATE_GRANT_SECONDS },
  clientAuth: META_CLIENT_AUTH,
  pkce: { required: false, methods: ['S256', 'plain'] },
  sendsIssuer: false,
  scopes: { separator: ',', required: true, known: SCOPES },
  refreshTokens: { issue: 'never', rotation: 'reuse', expiry: 'sliding' },
  userInfo: { requiredScopes: ['threads_basic'], render: (user) => meNode(user, '') },
  responses: metaResponses('threads'),
  prependRouter: (router, state) => longLivedRoutes(router, state, threadsPlatform, spec),
};

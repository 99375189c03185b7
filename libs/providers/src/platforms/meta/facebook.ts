import type { ChannelCandidate, ChannelConnection, ChannelSupport, TokenSet } from '../../adapter';
import type { PlatformType } from '@switchboard/contracts';
import type { OAuth2ProviderConfig } from '../../oauth2/config';
import type { ClientCredentials, PlatformDefinition } from '../../platform-definition';
import { ProviderError } from '../../provider-error';
import {
  FACEBOOK_LOGIN_ENDPOINTS,
  FacebookLoginAdapter,
  facebookIdentity,
  type ManagedPage,
} from './facebook-login';

/** Listing Pages needs `pages_show_list`; reading them (and their tokens' use) `pages_read_engagement`. */
export const FACEBOOK_REQUIRED_SCOPES = ['pages_show_list', 'pages_read_engagement'] as const;
/** Publishing needs `pages_manage_posts`. */
export const FACEBOOK_DEFAULT_SCOPES = [...FACEBOOK_REQUIRED_SCOPES, 'pages_manage_posts'] as const;

/** The Page tasks a person needs for Switchboard to connect the Page. */
export const FACEBOOK_PAGE_TASKS = ['CREATE_CONTENT', 'MANAGE'] as const;

const PAGE_FIELDS = 'id,name,category,tasks,picture';

/** The configuration both Facebook Login platforms (FACEBOOK, INSTAGRAM) start from. */
export function facebookLoginConfig(
  type: PlatformType,
  credentials: ClientCredentials,
  endpoint: (realUrl: string) => string,
  scopes: { required: readonly string[]; defaults: readonly string[] },
): OAuth2ProviderConfig {
  return {
    type,
    authorizationEndpoint: endpoint(FACEBOOK_LOGIN_ENDPOINTS.authorization),
    tokenEndpoint: endpoint(FACEBOOK_LOGIN_ENDPOINTS.token),
    revocationEndpoint: null,
    userInfoEndpoint: null,
    issuer: null,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    clientAuth: 'post',
    // The classic manual flow has no PKCE (only the OIDC variant, which Meta calls "in testing").
    pkce: 'none',
    scopeSeparator: ',',
    requiredScopes: scopes.required,
    defaultScopes: scopes.defaults,
    extraAuthorizeParams: {},
    refreshRotates: false,
    identify: facebookIdentity,
  };
}

/**
 * FACEBOOK: a Facebook Page. The person logs in with Facebook Login and chooses among the Pages
 * on which they hold the CREATE_CONTENT and MANAGE tasks; the connection keeps that Page's own
 * token (non-expiring when taken with a long-lived user token) with the Page id in `extra`, and
 * expires — for warnings — when the user token it came from does.
 */
export class FacebookAdapter extends FacebookLoginAdapter {
  override readonly channels: ChannelSupport = {
    noChannelsParam: 'facebook-not-enough-pages',
    multiple: true,
    list: (grant) => this.listPages(grant),
    connect: (grant, channelId) => this.connectPage(grant, channelId),
  };

  private async listPages(grant: TokenSet): Promise<ChannelCandidate[]> {
    const pages = await this.managedPages(grant, PAGE_FIELDS);
    return pages.map((page) => {
      const eligible = canPublish(page);
      return {
        id: page.id,
        name: page.name,
        avatarUrl: page.pictureUrl,
        eligible,
        detail: eligible
          ? page.category
          : [
              page.category,
              'Your role on this Page does not allow creating content and managing it',
            ]
              .filter(Boolean)
              .join(' · '),
      };
    });
  }

  private async connectPage(grant: TokenSet, pageId: string): Promise<ChannelConnection> {
    const page = (await this.managedPages(grant, PAGE_FIELDS)).find((p) => p.id === pageId);
    if (!page) {
      throw new ProviderError({
        kind: 'invalid_request',
        message: `FACEBOOK: Page ${pageId} is not among the Pages this person manages`,
      });
    }
    if (!canPublish(page)) {
      throw new ProviderError({
        kind: 'permission_lost',
        message: `FACEBOOK: the person lacks the CREATE_CONTENT and MANAGE tasks on Page ${pageId}`,
      });
    }
    const token = await this.pageToken(grant, page.id);
    return {
      externalId: page.id,
      displayName: page.name,
      avatarUrl: page.pictureUrl,
      tokens: pageTokenSet(grant, token, { pageId: page.id }),
    };
  }
}

export function canPublish(page: ManagedPage): boolean {
  return FACEBOOK_PAGE_TASKS.every((task) => page.tasks.includes(task));
}

/**
 * A Page credential derived from the person's grant: the Page token never expires on its own,
 * but the connection needs the person again when their long-lived user token lapses.
 */
export function pageTokenSet(
  grant: TokenSet,
  pageToken: string,
  extra: Record<string, string>,
): TokenSet {
  return {
    accessToken: pageToken,
    refreshToken: null,
    tokenType: 'bearer',
    expiresAt: grant.expiresAt,
    refreshExpiresAt: null,
    scopes: [...grant.scopes],
    extra,
  };
}

export const facebookPlatform: PlatformDefinition = {
  type: 'FACEBOOK',
  create: (context) =>
    new FacebookAdapter(
      facebookLoginConfig('FACEBOOK', context.credentials, context.endpoint, {
        required: FACEBOOK_REQUIRED_SCOPES,
        defaults: FACEBOOK_DEFAULT_SCOPES,
      }),
      context,
      context.endpoint,
    ),
};

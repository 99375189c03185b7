import type { ChannelCandidate, ChannelConnection, ChannelSupport, TokenSet } from '../../adapter';
import { stringField } from '../../json';
import type { PlatformDefinition } from '../../platform-definition';
import { ProviderError } from '../../provider-error';
import { facebookLoginConfig, pageTokenSet } from './facebook';
import { FACEBOOK_LOGIN_ENDPOINTS, FacebookLoginAdapter, type ManagedPage } from './facebook-login';

/** Reading the account and listing the Pages it hangs off. */
export const INSTAGRAM_REQUIRED_SCOPES = [
  'instagram_basic',
  'pages_show_list',
  'pages_read_engagement',
] as const;
/** Publishing needs `instagram_content_publish`. */
export const INSTAGRAM_DEFAULT_SCOPES = [
  ...INSTAGRAM_REQUIRED_SCOPES,
  'instagram_content_publish',
] as const;

/** Why nothing can be connected: no Instagram professional account on any of the person's Pages. */
export const NO_INSTAGRAM_BUSINESS_ACCOUNT = 'No Instagram Business account linked';
const NO_ACCOUNT_EXPLAINED = `${NO_INSTAGRAM_BUSINESS_ACCOUNT}: only an Instagram Business or Creator account connected to a Facebook Page can be used, not a personal account`;

/** A Page task that lets the person publish to the Instagram account on it. */
const PUBLISHING_TASKS = ['CREATE_CONTENT', 'MANAGE'];
const PAGE_FIELDS = 'id,name,tasks,picture,instagram_business_account';

interface InstagramProfile {
  id: string;
  username: string | null;
  name: string | null;
  pictureUrl: string | null;
}

/**
 * INSTAGRAM: the Instagram API with Facebook Login. The accounts to choose from are the Instagram
 * Business/Creator accounts on the person's Pages (`instagram_business_account`). Pages without
 * one are listed as not eligible, with the reason; a person without any Page (a personal
 * Instagram account is invisible to Facebook Login) is listed, not eligible, with the same
 * reason — either way nothing is eligible and the flow answers `instagram-not-enough-accounts`.
 * The stored credential is what the Instagram Graph API calls need: the Page token, with the
 * Page id and the Instagram user id in `extra`.
 */
export class InstagramAdapter extends FacebookLoginAdapter {
  override readonly channels: ChannelSupport = {
    noChannelsParam: 'instagram-not-enough-accounts',
    multiple: true,
    list: (grant) => this.listAccounts(grant),
    connect: (grant, channelId) => this.connectAccount(grant, channelId),
  };

  private async listAccounts(grant: TokenSet): Promise<ChannelCandidate[]> {
    const pages = await this.managedPages(grant, PAGE_FIELDS);
    if (pages.length === 0) {
      // Nothing to choose from (a personal account, or no Page): say why, on the person themself.
      const person = await this.identify(grant);
      return [
        {
          id: person.externalId,
          name: person.displayName,
          avatarUrl: person.avatarUrl,
          eligible: false,
          detail: NO_ACCOUNT_EXPLAINED,
        },
      ];
    }
    const candidates: ChannelCandidate[] = [];
    for (const page of pages) {
      if (page.instagramBusinessAccountId === null) {
        candidates.push({
          id: page.id,
          name: page.name,
          avatarUrl: page.pictureUrl,
          eligible: false,
          detail: `${NO_INSTAGRAM_BUSINESS_ACCOUNT} to this Page`,
        });
        continue;
      }
      const profile = await this.profile(grant, page.instagramBusinessAccountId);
      const eligible = canPublishTo(page);
      const handle = profile.username ? `@${profile.username}` : profile.id;
      candidates.push({
        id: profile.id,
        name: displayName(profile),
        avatarUrl: profile.pictureUrl,
        eligible,
        detail: eligible
          ? `${handle} · Page: ${page.name}`
          : `${handle} · your role on the Page “${page.name}” does not allow publishing`,
      });
    }
    return candidates;
  }

  private async connectAccount(grant: TokenSet, igUserId: string): Promise<ChannelConnection> {
    const pages = await this.managedPages(grant, PAGE_FIELDS);
    const page = pages.find((p) => p.instagramBusinessAccountId === igUserId);
    if (!page) {
      const plainPage = pages.find((p) => p.id === igUserId);
      throw new ProviderError({
        kind: 'invalid_request',
        message: plainPage
          ? `INSTAGRAM: ${NO_INSTAGRAM_BUSINESS_ACCOUNT} to the Page ${igUserId}`
          : `INSTAGRAM: ${igUserId} is not an Instagram Business account on a Page this person manages. ${NO_ACCOUNT_EXPLAINED}`,
      });
    }
    if (!canPublishTo(page)) {
      throw new ProviderError({
        kind: 'permission_lost',
        message: `INSTAGRAM: the person's role on Page ${page.id} does not allow publishing to account ${igUserId}`,
      });
    }
    const profile = await this.profile(grant, igUserId);
    const token = await this.pageToken(grant, page.id);
    return {
      externalId: profile.id,
      displayName: displayName(profile),
      avatarUrl: profile.pictureUrl,
      tokens: pageTokenSet(grant, token, { pageId: page.id, igUserId: profile.id }),
    };
  }

  /** `GET /{ig-user-id}?fields=id,username,name,profile_picture_url`. */
  private async profile(grant: TokenSet, igUserId: string): Promise<InstagramProfile> {
    const body = await this.graphGet(
      'identify',
      `${this.endpoint(FACEBOOK_LOGIN_ENDPOINTS.graph)}/${encodeURIComponent(igUserId)}`,
      { fields: 'id,username,name,profile_picture_url', access_token: grant.accessToken },
      [grant.accessToken],
    );
    return {
      id: stringField(body, 'id') ?? igUserId,
      username: stringField(body, 'username'),
      name: stringField(body, 'name'),
      pictureUrl: stringField(body, 'profile_picture_url'),
    };
  }
}

function displayName(profile: InstagramProfile): string {
  return profile.name ?? (profile.username ? `@${profile.username}` : profile.id);
}

function canPublishTo(page: ManagedPage): boolean {
  return PUBLISHING_TASKS.some((task) => page.tasks.includes(task));
}

export const instagramPlatform: PlatformDefinition = {
  type: 'INSTAGRAM',
  create: (context) =>
    new InstagramAdapter(
      facebookLoginConfig('INSTAGRAM', context.credentials, context.endpoint, {
        required: INSTAGRAM_REQUIRED_SCOPES,
        defaults: INSTAGRAM_DEFAULT_SCOPES,
      }),
      context,
      context.endpoint,
    ),
};

import { stableNumericId } from '../opaque-token';
import { EMPTY_USER_PREFIX, PERSONAL_USER_PREFIX } from './user-name';

export interface FacebookPage {
  readonly id: string;
  readonly name: string;
  /** Page tasks the user holds; a Page without MANAGE cannot be connected. */
  readonly tasks: readonly string[];
  readonly managedByUser: boolean;
  readonly instagramBusinessAccountId: string | null;
}

export interface InstagramAccount {
  readonly id: string;
  readonly username: string;
  readonly accountType: 'BUSINESS' | 'PERSONAL';
  readonly connectedFacebookPageId: string | null;
}

export interface LinkedInOrganization {
  readonly id: string;
  readonly name: string;
  readonly role: 'ADMINISTRATOR';
}

export interface YouTubeChannel {
  readonly id: string;
  readonly title: string;
}

export interface GoogleBusinessLocation {
  /** Resource name, `accounts/{a}/locations/{l}`. */
  readonly name: string;
  readonly title: string;
}

export interface DiscordServer {
  readonly id: string;
  readonly name: string;
}

export interface SlackWorkspace {
  readonly id: string;
  readonly name: string;
}

export interface PinterestBoard {
  readonly id: string;
  readonly name: string;
}

/** What a user owns on the platforms that make you choose a channel after consent. */
export interface UserEntities {
  readonly facebookPages: readonly FacebookPage[];
  readonly instagramAccounts: readonly InstagramAccount[];
  readonly linkedinOrganizations: readonly LinkedInOrganization[];
  readonly youtubeChannels: readonly YouTubeChannel[];
  readonly googleBusinessLocations: readonly GoogleBusinessLocation[];
  readonly discordServers: readonly DiscordServer[];
  readonly slackWorkspaces: readonly SlackWorkspace[];
  readonly pinterestBoards: readonly PinterestBoard[];
}

const NO_ENTITIES: UserEntities = {
  facebookPages: [],
  instagramAccounts: [],
  linkedinOrganizations: [],
  youtubeChannels: [],
  googleBusinessLocations: [],
  discordServers: [],
  slackWorkspaces: [],
  pinterestBoards: [],
};

/**
 * The entity set API.md promises: `empty-…` owns nothing, `personal-…` only a personal Instagram
 * account, any other name the standard set. Ids derive from the name, so they are stable.
 */
export function entitiesFor(userName: string, handle: string): UserEntities {
  const id = (entity: string): string => stableNumericId(userName, entity);
  if (userName.startsWith(EMPTY_USER_PREFIX)) return NO_ENTITIES;
  if (userName.startsWith(PERSONAL_USER_PREFIX)) {
    return {
      ...NO_ENTITIES,
      instagramAccounts: [
        {
          id: id('instagram-personal'),
          username: handle,
          accountType: 'PERSONAL',
          connectedFacebookPageId: null,
        },
      ],
    };
  }
  const managedPageId = id('facebook-page-managed');
  const instagramId = id('instagram-business');
  const locationAccount = id('google-business-account');
  return {
    facebookPages: [
      {
        id: managedPageId,
        name: `${userName}'s Page`,
        tasks: ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'],
        managedByUser: true,
        instagramBusinessAccountId: instagramId,
      },
      {
        id: id('facebook-page-unmanaged'),
        name: `${userName}'s Fan Page`,
        tasks: ['ANALYZE'],
        managedByUser: false,
        instagramBusinessAccountId: null,
      },
    ],
    instagramAccounts: [
      {
        id: instagramId,
        username: `${handle}_biz`,
        accountType: 'BUSINESS',
        connectedFacebookPageId: managedPageId,
      },
    ],
    linkedinOrganizations: [
      { id: id('linkedin-organization'), name: `${userName} Inc.`, role: 'ADMINISTRATOR' },
    ],
    youtubeChannels: [{ id: `UC${id('youtube-channel')}`, title: `${userName} Channel` }],
    googleBusinessLocations: [
      {
        name: `accounts/${locationAccount}/locations/${id('google-business-location')}`,
        title: `${userName} Shop`,
      },
    ],
    discordServers: [{ id: id('discord-server'), name: `${userName}'s server` }],
    slackWorkspaces: [{ id: `T${id('slack-workspace')}`, name: `${userName} workspace` }],
    pinterestBoards: [{ id: id('pinterest-board'), name: `${userName}'s board` }],
  };
}

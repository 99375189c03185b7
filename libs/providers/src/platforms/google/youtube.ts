import type { ChannelCandidate, ChannelConnection, ChannelSupport, TokenSet } from '../../adapter';
import {
  isJsonObject,
  objectField,
  stringField,
  type JsonObject,
  type JsonValue,
} from '../../json';
import type { OAuth2ProviderConfig } from '../../oauth2/config';
import type { OAuth2AdapterDeps } from '../../oauth2/oauth2-adapter';
import type { PlatformDefinition } from '../../platform-definition';
import { ProviderError } from '../../provider-error';
import { GoogleAdapter, googleConfig } from './google-adapter';
import {
  GOOGLE_ENDPOINTS,
  YOUTUBE_DEFAULT_SCOPES,
  YOUTUBE_REQUIRED_SCOPES,
} from './google-endpoints';

/**
 * YOUTUBE — a YouTube channel. The grant is a Google account's; `channels.list?part=snippet,
 * statistics&mine=true` names the channel(s) it can act for (for a Brand Account, the one picked
 * on Google's account chooser), with subscriber counts to help choose. No channel →
 * `youtube-not-enough-channels`.
 */
export class YouTubeAdapter extends GoogleAdapter {
  override readonly channels: ChannelSupport = {
    noChannelsParam: 'youtube-not-enough-channels',
    multiple: false,
    list: (grant) => this.listChannels(grant),
    connect: (grant, channelId) => this.connectChannel(grant, channelId),
  };

  constructor(
    config: OAuth2ProviderConfig,
    deps: OAuth2AdapterDeps,
    private readonly channelsUrl: string,
  ) {
    super(config, deps);
  }

  private async listChannels(grant: TokenSet): Promise<ChannelCandidate[]> {
    const url = new URL(this.channelsUrl);
    url.searchParams.set('part', 'snippet,statistics');
    url.searchParams.set('mine', 'true');
    url.searchParams.set('maxResults', '50');
    const body = await this.apiGet(url.toString(), grant.accessToken);
    const items = isJsonObject(body) && Array.isArray(body['items']) ? body['items'] : [];
    return items.filter(isJsonObject).flatMap((item) => {
      const candidate = channelCandidate(item);
      return candidate ? [candidate] : [];
    });
  }

  private async connectChannel(grant: TokenSet, channelId: string): Promise<ChannelConnection> {
    const channel = (await this.listChannels(grant)).find((item) => item.id === channelId);
    if (!channel) {
      throw new ProviderError({
        kind: 'permission_lost',
        message: 'YOUTUBE connect failed: the Google account no longer reaches that channel',
      });
    }
    return {
      externalId: channel.id,
      displayName: channel.name,
      avatarUrl: channel.avatarUrl,
      tokens: { ...grant, extra: { ...grant.extra, channelId: channel.id } },
    };
  }
}

/** One `youtube#channel` → a candidate; null when it has no id. */
export function channelCandidate(item: JsonObject): ChannelCandidate | null {
  const id = stringField(item, 'id');
  if (id === null) return null;
  const snippet = objectField(item, 'snippet');
  const thumbnails = objectField(snippet, 'thumbnails');
  const avatarUrl =
    ['default', 'medium', 'high']
      .map((size) => stringField(objectField(thumbnails, size), 'url'))
      .find((url) => url !== null) ?? null;
  const detail = [stringField(snippet, 'customUrl'), subscribers(objectField(item, 'statistics'))]
    .filter((part): part is string => part !== null)
    .join(' · ');
  return {
    id,
    name: stringField(snippet, 'title') ?? id,
    avatarUrl,
    eligible: true,
    detail: detail.length > 0 ? detail : null,
  };
}

/** `statistics.subscriberCount` is a string of digits; creators may hide it. */
function subscribers(statistics: JsonValue | null): string | null {
  if (!isJsonObject(statistics)) return null;
  if (statistics['hiddenSubscriberCount'] === true) return 'subscriber count hidden';
  const raw = statistics['subscriberCount'];
  const count = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof count !== 'number' || !Number.isFinite(count)) return null;
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'subscriber' : 'subscribers'}`;
}

export const youtubePlatform: PlatformDefinition = {
  type: 'YOUTUBE',
  create: (context) =>
    new YouTubeAdapter(
      googleConfig('YOUTUBE', context.credentials, context.endpoint, {
        required: YOUTUBE_REQUIRED_SCOPES,
        default: YOUTUBE_DEFAULT_SCOPES,
      }),
      context,
      context.endpoint(GOOGLE_ENDPOINTS.youtubeChannels),
    ),
};

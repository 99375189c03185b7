import { createHash } from 'node:crypto';

import type { Router } from 'express';

import { sendReply } from '../../core/http-reply';
import type { PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import type { YouTubeChannel } from '../../core/state/user-entities';
import type { SandboxUser } from '../../core/state/users';
import { queryString } from '../support/api-caller';
import { googleApiUser } from './google-api-caller';
import { GOOGLE_AUTH, googleOAuth } from './google-oauth';
import { googleApiError } from './google-responses';

const YOUTUBE_SCOPES = [
  `${GOOGLE_AUTH}/youtube`,
  `${GOOGLE_AUTH}/youtube.readonly`,
  `${GOOGLE_AUTH}/youtube.upload`,
  `${GOOGLE_AUTH}/youtube.force-ssl`,
  `${GOOGLE_AUTH}/youtubepartner`,
  `${GOOGLE_AUTH}/yt-analytics.readonly`,
];
/** Scopes `channels.list` accepts; the first is the one a 403 names. */
const CHANNEL_READ_SCOPES = [
  `${GOOGLE_AUTH}/youtube.readonly`,
  `${GOOGLE_AUTH}/youtube`,
  `${GOOGLE_AUTH}/youtube.force-ssl`,
  `${GOOGLE_AUTH}/youtubepartner`,
];
const FILTERS = ['mine', 'id', 'forHandle', 'forUsername', 'managedByMe'];

function required(parameter: string, message: string): ReturnType<typeof googleApiError> {
  return googleApiError(400, 'INVALID_ARGUMENT', message, [
    {
      message,
      domain: 'youtube.parameter',
      reason: 'missingRequiredParameter',
      location: parameter,
      locationType: 'parameter',
    },
  ]);
}

/** Deterministic statistics, so tests can assert the subscriber count a candidate shows. */
function statistics(channel: YouTubeChannel): Record<string, unknown> {
  const n = parseInt(createHash('sha256').update(channel.id).digest('hex').slice(0, 8), 16);
  return {
    viewCount: String(n % 1_000_000),
    subscriberCount: String(n % 10_000),
    hiddenSubscriberCount: false,
    videoCount: String(n % 300),
  };
}

function channelResource(user: SandboxUser, channel: YouTubeChannel, parts: readonly string[]) {
  const thumbnail = (size: number) => ({ url: user.avatarUrl, width: size, height: size });
  return {
    kind: 'youtube#channel',
    etag: createHash('sha256').update(channel.id).digest('base64url').slice(0, 27),
    id: channel.id,
    ...(parts.includes('snippet')
      ? {
          snippet: {
            title: channel.title,
            description: `The sandbox channel of ${user.displayName}.`,
            customUrl: `@${user.username.toLowerCase()}`,
            publishedAt: new Date(user.createdAt).toISOString(),
            thumbnails: { default: thumbnail(88), medium: thumbnail(240), high: thumbnail(800) },
            localized: { title: channel.title, description: '' },
          },
        }
      : {}),
    ...(parts.includes('statistics') ? { statistics: statistics(channel) } : {}),
    ...(parts.includes('contentDetails')
      ? { contentDetails: { relatedPlaylists: { likes: '', uploads: `UU${channel.id.slice(2)}` } } }
      : {}),
  };
}

/**
 * `GET /youtube/v3/channels` (www.googleapis.com): `part` is required, and one filter; `mine=true`
 * lists the channel(s) of the authorized account — none for `empty-` users (Google then answers
 * 200 with `pageInfo.totalResults: 0` and no `items`).
 */
function youtubeRoutes(router: Router, state: SandboxState): void {
  router.get('/youtube/v3/channels', (req, res) => {
    const user = googleApiUser(state, 'YOUTUBE', req, res, CHANNEL_READ_SCOPES);
    if (user === null) return;
    const part = queryString(req, 'part');
    if (part === undefined || part === '') {
      sendReply(res, required('part', 'Required parameter: part'));
      return;
    }
    if (!FILTERS.some((filter) => queryString(req, filter) !== undefined)) {
      sendReply(
        res,
        required('filter', `No filter selected. Expected one of: ${FILTERS.join(', ')}`),
      );
      return;
    }
    const parts = part.split(',').map((item) => item.trim());
    const ids = queryString(req, 'id')?.split(',') ?? null;
    const channels = user.entities.youtubeChannels.filter(
      (channel) =>
        queryString(req, 'mine') === 'true' || (ids !== null && ids.includes(channel.id)),
    );
    sendReply(res, {
      status: 200,
      body: {
        kind: 'youtube#channelListResponse',
        etag: createHash('sha256').update(user.id).digest('base64url').slice(0, 27),
        pageInfo: { totalResults: channels.length, resultsPerPage: 5 },
        ...(channels.length > 0
          ? { items: channels.map((channel) => channelResource(user, channel, parts)) }
          : {}),
      },
    });
  });
}

/** YOUTUBE — Google OAuth plus the YouTube Data API's channel list. */
export const youtubePlatform: PlatformDefinition = googleOAuth(
  'YOUTUBE',
  'YouTube',
  YOUTUBE_SCOPES,
  youtubeRoutes,
);

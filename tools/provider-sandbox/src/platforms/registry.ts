import type { PlatformDefinition, SandboxPlatformType } from '../core/platform';
import { genericPlatform } from './generic.platform';
import { twitterPlatform } from './twitter.platform';
import { googleBusinessPlatform } from './google/google-business.platform';
import { youtubePlatform } from './google/youtube.platform';
import { linkedinPagePlatform } from './linkedin/linkedin-page.platform';
import { linkedinPlatform } from './linkedin/linkedin.platform';
import { tiktokBusinessPlatform } from './tiktok/tiktok-business.platform';
import { tiktokPlatform } from './tiktok/tiktok.platform';
import { facebookPlatform } from './meta/facebook.platform';
import { instagramPlatform } from './meta/instagram.platform';
import { instagramLoginPlatform } from './meta/instagram-login.platform';
import { threadsPlatform } from './meta/threads.platform';
import { pinterestPlatform } from './pinterest/pinterest.platform';
import { redditPlatform } from './reddit/reddit.platform';
import { discordPlatform } from './discord/discord.platform';
import { slackPlatform } from './slack/slack.platform';
import { fanvuePlatform } from './fanvue/fanvue.platform';
import { mastodonPlatform } from './mastodon/mastodon.platform';
import { blueskyPlatform } from './bluesky/bluesky.platform';

/** Every platform the sandbox serves. A new platform is one file plus one line here. */
export const PLATFORMS: readonly PlatformDefinition[] = [
  genericPlatform,
  twitterPlatform,
  linkedinPlatform,
  linkedinPagePlatform,
  tiktokPlatform,
  tiktokBusinessPlatform,
  youtubePlatform,
  googleBusinessPlatform,
  facebookPlatform,
  instagramPlatform,
  instagramLoginPlatform,
  threadsPlatform,
  pinterestPlatform,
  redditPlatform,
  discordPlatform,
  slackPlatform,
  fanvuePlatform,
  mastodonPlatform,
  blueskyPlatform,
];

export function servedPlatformTypes(): [SandboxPlatformType, ...SandboxPlatformType[]] {
  const [first, ...rest] = PLATFORMS.map((platform) => platform.type);
  if (first === undefined) throw new Error('no platforms registered');
  return [first, ...rest];
}

export function platformFor(type: SandboxPlatformType): PlatformDefinition {
  const platform = PLATFORMS.find((candidate) => candidate.type === type);
  if (platform === undefined) throw new Error(`platform ${type} is not served`);
  return platform;
}

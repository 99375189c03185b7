import type { PlatformType } from '@switchboard/contracts';
import type { PlatformDefinition } from './platform-definition';
import { twitterPlatform } from './platforms/twitter';
import { googleBusinessPlatform } from './platforms/google/google-business';
import { youtubePlatform } from './platforms/google/youtube';
import { linkedinPlatform } from './platforms/linkedin/linkedin';
import { linkedinPagePlatform } from './platforms/linkedin/linkedin-page';
import { tiktokPlatform } from './platforms/tiktok/tiktok';
import { tiktokBusinessPlatform } from './platforms/tiktok/tiktok-business';
import { facebookPlatform } from './platforms/meta/facebook';
import { instagramPlatform } from './platforms/meta/instagram';
import { instagramLoginPlatform } from './platforms/meta/instagram-login';
import { threadsPlatform } from './platforms/meta/threads';
import { pinterestPlatform } from './platforms/pinterest/pinterest';
import { redditPlatform } from './platforms/reddit/reddit';
import { discordPlatform } from './platforms/discord/discord';
import { slackPlatform } from './platforms/slack/slack';
import { fanvuePlatform } from './platforms/fanvue/fanvue';
import { blueskyPlatform } from './platforms/bluesky/bluesky';
import { mastodonPlatform } from './platforms/mastodon/mastodon';
import { telegramPlatform } from './platforms/telegram/telegram';

/** Every built-in platform with an adapter. Add a platform: one file under platforms/, one line here. */
export const PLATFORM_CATALOG: ReadonlyMap<PlatformType, PlatformDefinition> = new Map(
  [
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
    blueskyPlatform,
    mastodonPlatform,
    telegramPlatform,
  ].map((definition) => [definition.type, definition]),
);

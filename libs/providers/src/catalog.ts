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
  ].map((definition) => [definition.type, definition]),
);

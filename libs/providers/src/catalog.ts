import type { PlatformType } from '@switchboard/contracts';
import type { PlatformDefinition } from './platform-definition';
import { twitterPlatform } from './platforms/twitter';

/** Every built-in platform with an adapter. Add a platform: one file under platforms/, one line here. */
export const PLATFORM_CATALOG: ReadonlyMap<PlatformType, PlatformDefinition> = new Map(
  [twitterPlatform].map((definition) => [definition.type, definition]),
);

import type { PlatformDefinition, SandboxPlatformType } from '../core/platform';
import { genericPlatform } from './generic.platform';
import { twitterPlatform } from './twitter.platform';

/** Every platform the sandbox serves. A new platform is one file plus one line here. */
export const PLATFORMS: readonly PlatformDefinition[] = [genericPlatform, twitterPlatform];

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

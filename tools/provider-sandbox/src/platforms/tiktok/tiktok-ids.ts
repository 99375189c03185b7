import type { SandboxUser } from '../../core/state/users';
import { stableOpaqueId } from '../support/ids';

/** TikTok's per-app user id (`open_id`), stable for a user: `-000` followed by opaque characters. */
export function tiktokOpenId(user: SandboxUser): string {
  return `-000${stableOpaqueId(36, 'tiktok-open-id', user.id)}`;
}

/** The same across one developer's apps. */
export function tiktokUnionId(user: SandboxUser): string {
  return stableOpaqueId(36, 'tiktok-union-id', user.id);
}

/** TikTok API for Business `open_id` (the `business_id` of every Business API call). */
export function tiktokBusinessOpenId(user: SandboxUser): string {
  return `-000${stableOpaqueId(36, 'tiktok-business-open-id', user.id)}`;
}

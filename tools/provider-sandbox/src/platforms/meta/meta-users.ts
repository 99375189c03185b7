import { stableNumericId } from '../../core/opaque-token';
import type { InstagramAccount } from '../../core/state/user-entities';
import type { SandboxUser } from '../../core/state/users';

/** Threads profiles of `private-…` users are private: their permission grant cannot be extended. */
export const PRIVATE_PROFILE_PREFIX = 'private-';

/**
 * The Instagram account a person logs in with at Instagram Login: their Business account, else
 * their personal one (a `personal-…` user), else — nobody logs in to Instagram without an
 * account — a personal one made up for them.
 */
export function instagramLoginAccount(user: SandboxUser): InstagramAccount {
  const accounts = user.entities.instagramAccounts;
  return (
    accounts.find((account) => account.accountType === 'BUSINESS') ??
    accounts[0] ?? {
      id: stableNumericId(user.name, 'instagram-personal'),
      username: user.username,
      accountType: 'PERSONAL',
      connectedFacebookPageId: null,
    }
  );
}

/** The app-scoped id Meta names the person by on each platform (`user_id` of signed requests). */
export function appScopedUserId(type: string, user: SandboxUser): string {
  return type === 'INSTAGRAM_LOGIN' ? instagramLoginAccount(user).id : user.id;
}

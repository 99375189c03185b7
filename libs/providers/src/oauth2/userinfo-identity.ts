import type { AccountIdentity, TokenSet } from '../adapter';
import { stringField, type JsonValue } from '../json';
import { ProviderError } from '../provider-error';

/**
 * OpenID Connect UserInfo claims (`sub`, `name`, `preferred_username`, `picture`) → identity.
 * Without a user-info answer (`null`), an id the token response carried (`sub`, `user_id`, `id`).
 */
export function userInfoIdentity(userInfo: JsonValue, tokens: TokenSet): AccountIdentity {
  if (userInfo !== null) {
    const sub = stringField(userInfo, 'sub') ?? numericId(userInfo);
    if (sub === null) {
      throw new ProviderError({
        kind: 'transient',
        message: 'identify failed: the user-info answer has no sub',
      });
    }
    return {
      externalId: sub,
      displayName:
        stringField(userInfo, 'name') ?? stringField(userInfo, 'preferred_username') ?? sub,
      avatarUrl: stringField(userInfo, 'picture'),
    };
  }
  const id = ['sub', 'user_id', 'id']
    .map((key) => stringField(tokens.extra, key))
    .find((value) => value !== null);
  if (!id) {
    throw new ProviderError({
      kind: 'invalid_request',
      message: 'identify failed: no user-info endpoint and no account id in the token response',
    });
  }
  return { externalId: id, displayName: id, avatarUrl: null };
}

function numericId(userInfo: JsonValue): string | null {
  if (typeof userInfo !== 'object' || userInfo === null || Array.isArray(userInfo)) return null;
  const sub = userInfo['sub'];
  return typeof sub === 'number' && Number.isFinite(sub) ? String(sub) : null;
}

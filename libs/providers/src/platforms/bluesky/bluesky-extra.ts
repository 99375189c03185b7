import type { JsonValue } from '../../json';
import { ProviderError } from '../../provider-error';
import type { BlueskySessionExtra } from './bluesky-app-password';
import type { BlueskyOAuthExtra } from './bluesky-oauth';

/** The stored `extra` of a Bluesky connection, read back for refresh and revocation. */
export function readBlueskyExtra(
  extra: Readonly<Record<string, JsonValue>> | undefined,
): BlueskyOAuthExtra | BlueskySessionExtra {
  const e = extra ?? {};
  const str = (key: string) => (typeof e[key] === 'string' ? e[key] : null);
  if (e.mode === 'app-password' && str('did') && str('pdsUrl')) {
    return {
      mode: 'app-password',
      did: str('did')!,
      handle: str('handle') ?? str('did')!,
      pdsUrl: str('pdsUrl')!,
    };
  }
  const key = e.dpopKey;
  if (
    e.mode === 'oauth' &&
    str('did') &&
    str('tokenEndpoint') &&
    str('clientId') &&
    str('issuer') &&
    str('pdsUrl') &&
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key)
  ) {
    return {
      mode: 'oauth',
      did: str('did')!,
      handle: str('handle'),
      pdsUrl: str('pdsUrl')!,
      issuer: str('issuer')!,
      tokenEndpoint: str('tokenEndpoint')!,
      revocationEndpoint: str('revocationEndpoint'),
      clientId: str('clientId')!,
      dpopKey: key,
    };
  }
  throw new ProviderError({
    kind: 'reauth_required',
    message: 'BLUESKY: the stored connection details are incomplete',
  });
}

import type { AccountIdentity, TokenSet } from '../../adapter';
import type { Clock } from '../../clock';
import type { HttpClient, HttpResponse } from '../../http';
import { stringField } from '../../json';
import { ProviderError } from '../../provider-error';
import { readBlueskyExtra } from './bluesky-extra';
import { dpopKeyFrom } from './dpop';
import { dpopRequest } from './dpop-request';

/**
 * The account: its DID (stable; handles can change), shown by display name or `@handle`, with
 * its avatar from `app.bsky.actor.getProfile` at the PDS — DPoP-signed for OAuth tokens (the
 * PDS's own nonce answered), Bearer for app-password sessions. When the profile cannot be read
 * the DID and handle still identify the account.
 */
export async function blueskyIdentity(
  http: HttpClient,
  clock: Clock,
  tokens: TokenSet,
): Promise<AccountIdentity> {
  const extra = readBlueskyExtra(tokens.extra);
  const fallback: AccountIdentity = {
    externalId: extra.did,
    displayName: extra.handle ? `@${extra.handle}` : extra.did,
    avatarUrl: null,
  };
  const url = `${extra.pdsUrl}/xrpc/app.bsky.actor.getProfile?actor=${encodeURIComponent(extra.did)}`;
  const request = {
    provider: 'BLUESKY',
    operation: 'identify' as const,
    method: 'GET' as const,
    url,
  };
  let response: HttpResponse;
  try {
    response =
      extra.mode === 'oauth'
        ? await dpopRequest(
            http,
            clock,
            { key: dpopKeyFrom(extra.dpopKey), nonce: null },
            {
              ...request,
              accessToken: tokens.accessToken,
            },
          )
        : await http.request({
            ...request,
            headers: { Authorization: `Bearer ${tokens.accessToken}` },
          });
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'transient') return fallback;
    throw error;
  }
  const body = response.body.kind === 'json' ? response.body.value : null;
  if (response.status !== 200 || stringField(body, 'did') !== extra.did) return fallback;
  const handle = stringField(body, 'handle');
  const avatar = stringField(body, 'avatar');
  return {
    externalId: extra.did,
    displayName: stringField(body, 'displayName') ?? (handle ? `@${handle}` : fallback.displayName),
    avatarUrl: avatar && /^https?:\/\//.test(avatar) ? avatar : null,
  };
}

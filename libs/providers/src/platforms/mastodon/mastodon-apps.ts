import { isJsonObject, stringField, type JsonValue } from '../../json';
import { MASTODON_APP_SCOPES } from './mastodon-endpoints';

/** What `POST /api/v1/apps` registers for Switchboard on one instance. */
export interface MastodonAppRequest {
  client_name: string;
  redirect_uris: string;
  scopes: string;
  website: string;
}

export function mastodonAppRequest(
  redirectUri: string,
  clientName: string,
  website: string,
): MastodonAppRequest {
  return {
    client_name: clientName,
    redirect_uris: redirectUri,
    scopes: MASTODON_APP_SCOPES.join(' '),
    website,
  };
}

/** `CredentialApplication` → the client credentials; null when either is missing. */
export function parseMastodonApp(
  body: JsonValue,
): { clientId: string; clientSecret: string } | null {
  const clientId = stringField(body, 'client_id');
  const clientSecret = stringField(body, 'client_secret');
  if (!clientId || !clientSecret) return null;
  return { clientId, clientSecret };
}

/**
 * From 4.3 the instance publishes RFC 8414 metadata naming `S256` in
 * `code_challenge_methods_supported`; older servers answer 404 and get no PKCE.
 */
export function mastodonSupportsPkce(metadata: JsonValue | null): boolean {
  if (!isJsonObject(metadata)) return false;
  const methods = metadata['code_challenge_methods_supported'];
  return Array.isArray(methods) && methods.includes('S256');
}

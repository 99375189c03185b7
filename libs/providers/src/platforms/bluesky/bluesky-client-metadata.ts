/** Where the gateway serves the public atproto client-metadata document (its URL is the client_id). */
export const BLUESKY_CLIENT_METADATA_PATH = '/oauth/bluesky/client-metadata.json';
export const BLUESKY_CALLBACK_PATH = '/api/v1/social-account/callback/bluesky';
/** `transition:generic`: about what an app password allows (post, upload; no DMs, no account settings). */
export const BLUESKY_SCOPES = ['atproto', 'transition:generic'] as const;

/** `https://switchboard.example` → its client_id URL. */
export function blueskyClientId(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${BLUESKY_CLIENT_METADATA_PATH}`;
}

/** The public URL a Bluesky callback URI belongs to, or null when it is not one. */
export function publicUrlOfCallback(redirectUri: string): string | null {
  return redirectUri.endsWith(BLUESKY_CALLBACK_PATH)
    ? redirectUri.slice(0, -BLUESKY_CALLBACK_PATH.length)
    : null;
}

/**
 * The client-metadata document (atproto OAuth "Client ID Metadata Document"): a public web
 * client (`token_endpoint_auth_method: none`) with DPoP-bound tokens, one exact redirect URI.
 */
export function blueskyClientMetadata(publicUrl: string): Record<string, unknown> {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    client_id: blueskyClientId(base),
    client_name: 'Switchboard',
    client_uri: base,
    application_type: 'web',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: BLUESKY_SCOPES.join(' '),
    redirect_uris: [`${base}${BLUESKY_CALLBACK_PATH}`],
    token_endpoint_auth_method: 'none',
    dpop_bound_access_tokens: true,
  };
}

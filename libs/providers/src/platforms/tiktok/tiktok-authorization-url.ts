import type { AuthorizationUrlParams } from '../../adapter';
import { withRequired } from '../../oauth2/authorization-url';

/**
 * TikTok's authorize URL (login-kit-web): `client_key` (not `client_id`), comma-separated
 * `scope`, `response_type=code`, `redirect_uri`, `state`; PKCE is for mobile and desktop apps
 * only, so a web flow sends no challenge.
 */
export function tiktokAuthorizationUrl(
  endpoint: string,
  clientKey: string,
  required: readonly string[],
  params: AuthorizationUrlParams,
  extra: Readonly<Record<string, string>> = {},
): string {
  const pairs: [string, string][] = [
    ['client_key', clientKey],
    ['scope', withRequired(params.scopes, required).join(',')],
    ['response_type', 'code'],
    ['redirect_uri', params.redirectUri],
    ['state', params.state],
    ...Object.entries(extra),
  ];
  const url = new URL(endpoint);
  url.search = pairs
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
  return url.toString();
}

import type { AuthorizationUrlParams } from '../adapter';
import { ProviderError } from '../provider-error';
import type { OAuth2ProviderConfig } from './config';

const RESERVED = new Set([
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
]);

/**
 * The RFC 6749 §4.1.1 authorization request (+ RFC 7636 PKCE). Values are percent-encoded with
 * `%20` for spaces (X documents `%20`; `+` is not safe for every provider). Query parameters
 * already on the endpoint are kept unless they collide with ours.
 */
export function buildAuthorizationUrl(
  config: OAuth2ProviderConfig,
  params: AuthorizationUrlParams,
): string {
  if (config.pkce === 'S256' && !params.codeChallenge) {
    throw new ProviderError({
      kind: 'invalid_request',
      message: `${config.type} requires PKCE (S256): an authorization URL needs a code challenge`,
    });
  }
  const scopes = withRequired(params.scopes, config.requiredScopes);
  const pairs: [string, string][] = [
    ['response_type', 'code'],
    ['client_id', config.clientId],
    ['redirect_uri', params.redirectUri],
  ];
  if (scopes.length > 0) pairs.push(['scope', scopes.join(config.scopeSeparator ?? ' ')]);
  pairs.push(['state', params.state]);
  if (config.pkce === 'S256' && params.codeChallenge) {
    pairs.push(['code_challenge', params.codeChallenge], ['code_challenge_method', 'S256']);
  }
  for (const [key, value] of Object.entries(config.extraAuthorizeParams ?? {})) {
    if (!RESERVED.has(key)) pairs.push([key, value]);
  }

  const url = new URL(config.authorizationEndpoint);
  for (const key of RESERVED) url.searchParams.delete(key);
  for (const [key] of pairs) url.searchParams.delete(key);
  const existing = url.search.replace(/^\?/, '');
  const ours = pairs.map(
    ([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`,
  );
  url.search = [existing, ...ours].filter((part) => part.length > 0).join('&');
  return url.toString();
}

/** The requested scopes, in order, followed by any required scope they left out. */
export function withRequired(requested: readonly string[], required: readonly string[]): string[] {
  return [...new Set([...requested, ...required].filter((scope) => scope.length > 0))];
}

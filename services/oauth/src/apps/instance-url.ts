import { checkOutboundUrl, UrlNotAllowedError, type UrlPolicy } from '@switchboard/platform';

/**
 * A Mastodon instance URL a user typed, made safe to call: `https` only (plain `http` and
 * loopback only in dev mode, for the sandbox), no credentials, query or fragment, and every
 * address its host resolves to public (private, link-local, CGNAT, unique-local, reserved and
 * unspecified ranges always refused, IPv4-mapped IPv6 judged by its IPv4). Answers the normalised
 * base URL (origin + path, no trailing slash); nothing is sent to the host. Refusals throw
 * `UrlNotAllowedError` (`url-not-allowed`). Redirects are judged again by the guarded fetch.
 */
export async function checkInstanceUrl(raw: string, policy: UrlPolicy): Promise<string> {
  const trimmed = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const url = await checkOutboundUrl(withScheme, policy);
  if (url.search || url.hash) {
    throw new UrlNotAllowedError('the instance URL must have no query or fragment');
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

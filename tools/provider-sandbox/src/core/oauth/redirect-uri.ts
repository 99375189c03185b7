const MAX_REDIRECT_URI_LENGTH = 2048;

/**
 * Returns why `redirectUri` is unacceptable, or `null` when it is fine. A client with registered
 * URIs needs an exact match (RFC 9700 2.1); the built-in clients take any absolute http(s) URL.
 */
export function redirectUriProblem(
  redirectUri: string,
  registered: readonly string[] | null,
): string | null {
  if (redirectUri.length > MAX_REDIRECT_URI_LENGTH) return 'redirect_uri is too long';
  if (redirectUri.includes('#')) return 'redirect_uri must not contain a fragment';
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return 'redirect_uri is not an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'redirect_uri must be an http or https URL';
  }
  if (registered !== null && !registered.includes(redirectUri)) {
    return 'redirect_uri does not match a registered redirect URI';
  }
  return null;
}

/** Adds response parameters to the redirect URI, keeping its own query. */
export function withQuery(
  redirectUri: string,
  params: Readonly<Record<string, string | undefined>>,
): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.append(name, value);
  }
  return url.toString();
}

import { CodedError, ErrorCodes } from '@switchboard/contracts';

/**
 * A redirectUrl must be an absolute http(s) URL whose origin is on the team's allow-list (dev
 * mode also allows http://localhost:*). Anything else is refused: no open redirects.
 */
export function checkRedirectUrl(
  raw: string,
  allowedOrigins: readonly string[],
  devMode: boolean,
): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CodedError(ErrorCodes.badRedirect, 'redirectUrl must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CodedError(ErrorCodes.badRedirect, 'redirectUrl must use https (or http)');
  }
  if (url.username || url.password) {
    throw new CodedError(ErrorCodes.badRedirect, 'redirectUrl must not carry credentials');
  }
  const devLocal =
    devMode &&
    url.protocol === 'http:' &&
    (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
  if (!devLocal && !allowedOrigins.includes(url.origin)) {
    throw new CodedError(
      ErrorCodes.badRedirect,
      `redirectUrl origin ${url.origin} is not allowed for this team`,
    );
  }
  return url.toString();
}

import type { HttpClient } from '../../http';

/**
 * The same client, with `headers` added to every request whose URL `applies` to (all by default):
 * Reddit's and Discord's User-Agent, Fanvue's API version. A request's own headers win.
 */
export function withRequestHeaders(
  http: HttpClient,
  headers: Readonly<Record<string, string>>,
  applies: (url: string) => boolean = () => true,
): HttpClient {
  return {
    request: (request) =>
      http.request(
        applies(request.url)
          ? { ...request, headers: { ...headers, ...request.headers } }
          : request,
      ),
  };
}

/** The version Switchboard reports in User-Agent headers. */
export const SWITCHBOARD_VERSION = '0.1.0';

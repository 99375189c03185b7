import { safeRequest, type SafeRequestOptions } from './safe-request';
import type { UrlPolicy } from './ssrf-guard';

/** The slice of `fetch` that provider HTTP clients use (`@switchboard/providers`' `FetchLike`). */
export type GuardedFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface SafeFetchOptions extends UrlPolicy {
  /** Per request, redirects included. Default 10 s. */
  timeoutMs?: number;
  /** Larger answers are cut (the JSON then fails to parse). Default 1 MiB. */
  maxResponseBytes?: number;
  maxRedirects?: number;
}

/**
 * A `fetch` for URLs that came from users (a Mastodon instance, a PDS): every hop goes through
 * `safeRequest`, so private, link-local and reserved addresses are refused after DNS resolution
 * and on every redirect — before any connection is made. A refusal rejects with
 * `UrlNotAllowedError` (code `url-not-allowed`).
 */
export function safeFetch(options: SafeFetchOptions): GuardedFetch {
  return async (url, init) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      throw new TypeError('safeFetch sends string bodies only');
    }
    const request: SafeRequestOptions = {
      ...options,
      method: init.method ?? 'GET',
      headers,
      body: init.body ?? undefined,
      maxResponseBytes: options.maxResponseBytes ?? 1024 * 1024,
    };
    const res = await safeRequest(url, request);
    const responseHeaders = new Headers();
    for (const [key, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(key, one);
    }
    const nullBody =
      res.status === 204 || res.status === 304 || (res.status >= 100 && res.status < 200);
    return new Response(nullBody ? null : res.body, {
      status: res.status,
      headers: responseHeaders,
    });
  };
}

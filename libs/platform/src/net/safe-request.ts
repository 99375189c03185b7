import type { LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import {
  hostOf,
  parseOutboundUrl,
  resolveAllowed,
  UrlNotAllowedError,
  type UrlPolicy,
} from './ssrf-guard';

export interface SafeRequestOptions extends UrlPolicy {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Whole exchange, redirects included. Default 10 s. */
  timeoutMs?: number;
  /** Default 3. POST/PUT/… follow only 307/308 (method and body kept); GET/HEAD follow any 3xx. */
  maxRedirects?: number;
  /** The response body is cut after this many bytes. Default 64 KiB. */
  maxResponseBytes?: number;
  /** Recomputed per hop (a webhook signature may depend on nothing else, but headers can). */
  headersFor?: (url: URL) => Record<string, string>;
}

export interface SafeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The URL that answered, after redirects. */
  url: string;
  redirects: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * An HTTP(S) request to a URL a user gave us, safe against SSRF: every hop's host is resolved
 * and each address judged (private and link-local always refused, loopback only when allowed),
 * and the socket connects to exactly the address that was judged (the check and the connection
 * use the same lookup, so DNS rebinding between them is impossible). Redirects are re-checked.
 */
export async function safeRequest(raw: string, options: SafeRequestOptions): Promise<SafeResponse> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const maxRedirects = options.maxRedirects ?? 3;
  let method = (options.method ?? 'GET').toUpperCase();
  let body = options.body;
  let url = parseOutboundUrl(raw, options);
  for (let redirects = 0; ; redirects += 1) {
    const host = hostOf(url);
    if (isIP(host)) await resolveAllowed(host, options);
    const res = await once(url, method, body, options, deadline);
    const location = res.headers.location;
    if (!REDIRECTS.has(res.status) || !location) return { ...res, url: url.toString(), redirects };
    const keepsMethod = res.status === 307 || res.status === 308;
    if (!keepsMethod && method !== 'GET' && method !== 'HEAD') {
      return { ...res, url: url.toString(), redirects };
    }
    if (redirects >= maxRedirects) throw new UrlNotAllowedError('too many redirects');
    url = parseOutboundUrl(new URL(location, url).toString(), options);
    if (!keepsMethod && res.status === 303) {
      method = 'GET';
      body = undefined;
    }
  }
}

function guardedLookup(policy: UrlPolicy): LookupFunction {
  return (hostname, opts, callback) => {
    resolveAllowed(hostname, policy).then(
      (addresses: LookupAddress[]) => {
        if (opts.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

function once(
  url: URL,
  method: string,
  body: string | undefined,
  options: SafeRequestOptions,
  deadline: number,
): Promise<Omit<SafeResponse, 'url' | 'redirects'>> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.reject(new Error('request timed out'));
  const limit = options.maxResponseBytes ?? 64 * 1024;
  const headers: Record<string, string> = {
    ...options.headers,
    ...options.headersFor?.(url),
    ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
  };
  const requestOptions: RequestOptions = {
    method,
    headers,
    lookup: guardedLookup(options),
    timeout: remaining,
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => req.destroy(new Error('request timed out')), remaining);
    const req = send(url, requestOptions, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < limit) chunks.push(chunk.subarray(0, limit - size));
        size += chunk.length;
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(body);
  });
}

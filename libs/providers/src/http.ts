import { request as undiciRequest } from 'undici';
import type { JsonValue } from './json';
import { ProviderError, type ProviderOperation } from './provider-error';
import { safeUrl } from './redact';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** The slice of global `fetch` the helper uses; a service may pass an SSRF-guarded one. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** One provider call as seen by metrics or tracing: no bodies, no headers, no query string. */
export interface RequestEvent {
  provider: string;
  operation: ProviderOperation;
  method: string;
  /** Origin + path only. */
  url: string;
  /** Null when no response arrived. */
  status: number | null;
  durationMs: number;
  /** Why no response arrived. */
  error: 'timeout' | 'network' | null;
}
export type RequestHook = (event: RequestEvent) => void;

export interface HttpClientOptions {
  timeoutMs?: number;
  maxResponseBytes?: number;
  onRequest?: RequestHook;
  fetch?: FetchLike;
}

/** A form body keeps its insertion order on the wire. */
export type RequestBody = { form: Record<string, string> } | { json: JsonValue };

export interface HttpRequest {
  provider: string;
  operation: ProviderOperation;
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: RequestBody;
  /** Read the answer as text: a non-empty body comes back as a JSON string value. */
  readText?: boolean;
}

export type ResponseBody =
  | { kind: 'json'; value: JsonValue }
  | { kind: 'empty' }
  /** Not JSON (or form), or larger than the cap. */
  | { kind: 'unparsable' };

/** The response headers, read by name (case-insensitive); repeated ones joined with `, `. */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  body: ResponseBody;
}

/** What a transport brings back: the body's bytes, or null when it is larger than the cap. */
interface RawResponse {
  status: number;
  headers: ResponseHeaders;
  bytes: Uint8Array | null;
}

type Transport = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
  maxBytes: number,
) => Promise<RawResponse>;

export interface HttpClient {
  /**
   * Sends one request and reads its answer. Any HTTP status resolves; a network failure or a
   * timeout (connect + headers + body) rejects with a `transient` ProviderError.
   */
  request(request: HttpRequest): Promise<HttpResponse>;
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const send: Transport = options.fetch ? viaFetch(options.fetch) : viaUndici;

  function report(
    request: HttpRequest,
    started: number,
    status: number | null,
    error: RequestEvent['error'],
  ): void {
    if (!options.onRequest) return;
    try {
      options.onRequest({
        provider: request.provider,
        operation: request.operation,
        method: request.method,
        url: safeUrl(request.url),
        status,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        error,
      });
    } catch {
      // A metrics hook must never break a provider call.
    }
  }

  return {
    async request(request) {
      const started = performance.now();
      const signal = AbortSignal.timeout(timeoutMs);
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
      let body: string | undefined;
      if (request.body && 'form' in request.body) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(request.body.form).toString();
      } else if (request.body) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(request.body.json);
      }
      try {
        const response = await send(
          request.url,
          { method: request.method, headers, body, signal },
          maxBytes,
        );
        const parsed = parseBody(response, request.readText === true);
        report(request, started, response.status, null);
        return { status: response.status, headers: response.headers, body: parsed };
      } catch (error) {
        const timedOut = signal.aborted;
        report(request, started, null, timedOut ? 'timeout' : 'network');
        // A guarded fetch (SSRF checks) may refuse with its own classified error.
        if (error instanceof ProviderError) throw error;
        if (isUrlRefusal(error)) {
          throw new ProviderError({
            kind: 'invalid_request',
            message: `${request.provider} ${request.operation}: ${error.message}`,
            providerCode: 'url-not-allowed',
          });
        }
        throw networkError(request, error, timedOut, timeoutMs);
      }
    },
  };
}

function networkError(
  request: HttpRequest,
  error: unknown,
  timedOut: boolean,
  timeoutMs: number,
): ProviderError {
  const where = `${request.provider} ${request.operation} (${request.method} ${safeUrl(request.url)})`;
  if (timedOut) {
    return new ProviderError({
      kind: 'transient',
      message: `${where} timed out after ${timeoutMs} ms`,
    });
  }
  return new ProviderError({
    kind: 'transient',
    message: `${where} failed: ${networkCause(error)}`,
  });
}

/** A system error code (ECONNREFUSED, ENOTFOUND…) when there is one; never the raw message. */
function networkCause(error: unknown): string {
  let current: unknown = error;
  // Walks `cause` without `instanceof` (fetch errors may come from another realm).
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code))
      return `network error (${code})`;
    current = cause;
  }
  return 'network error';
}

/** `UrlNotAllowedError` of `@switchboard/platform`'s guarded fetch (its message names the rule only). */
function isUrlRefusal(error: unknown): error is { code: string; message: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'url-not-allowed' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/**
 * undici's `request`: an HTTP/1.1 client with keep-alive connection pools that costs a fraction
 * of `fetch`'s CPU per call (no WHATWG streams); it follows no redirects, as wanted here.
 */
const viaUndici: Transport = async (url, init, maxBytes) => {
  const res = await undiciRequest(url, {
    method: init.method,
    headers: init.headers,
    body: init.body,
    signal: init.signal,
  });
  const raw = res.headers;
  const headers: ResponseHeaders = {
    get(name) {
      const value = raw[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
  const declared = Number(headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    res.body.destroy();
    return { status: res.statusCode, headers, bytes: null };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      res.body.destroy();
      return { status: res.statusCode, headers, bytes: null };
    }
    chunks.push(chunk);
  }
  return { status: res.statusCode, headers, bytes: Buffer.concat(chunks) };
};

/** A `fetch` given by the caller (an SSRF-guarded one, a test's fake). */
function viaFetch(doFetch: FetchLike): Transport {
  return async (url, init, maxBytes) => {
    const response = await doFetch(url, { ...init, redirect: 'manual' });
    return {
      status: response.status,
      headers: response.headers,
      bytes: await readCapped(response, maxBytes),
    };
  };
}

function parseBody(response: RawResponse, asText: boolean): ResponseBody {
  const bytes = response.bytes;
  if (bytes === null) return { kind: 'unparsable' };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.trim().length === 0) return { kind: 'empty' };
  if (asText) return { kind: 'json', value: text };
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    return { kind: 'json', value: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    return { kind: 'json', value: JSON.parse(text) as JsonValue };
  } catch {
    return { kind: 'unparsable' };
  }
}

/** The body's bytes, or null when it is larger than `maxBytes` (the rest is never read). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (!response.body) return new Uint8Array();
  if (declared > maxBytes) {
    await response.body.cancel();
    return null;
  }
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

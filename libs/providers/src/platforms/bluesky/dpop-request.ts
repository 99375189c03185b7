import type { Clock } from '../../clock';
import type { HttpClient, HttpRequest, HttpResponse } from '../../http';
import { stringField } from '../../json';
import { dpopProof, type DpopKey } from './dpop';

/** A DPoP key and the last nonce one server handed out (atproto: nonces are mandatory). */
export interface DpopSession {
  readonly key: DpopKey;
  nonce: string | null;
}

export interface DpopRequest extends HttpRequest {
  /** For a resource-server call: the DPoP-bound access token (`Authorization: DPoP …`, `ath`). */
  accessToken?: string;
}

/**
 * Sends a request with a fresh DPoP proof. When the server asks for a nonce (`use_dpop_nonce`:
 * a 400 JSON error at the authorization server, a 401 `WWW-Authenticate` at a resource server)
 * and hands a new one in `DPoP-Nonce`, the request is sent once more with it. The session keeps
 * the latest nonce for the next call.
 */
export async function dpopRequest(
  http: HttpClient,
  clock: Clock,
  session: DpopSession,
  request: DpopRequest,
): Promise<HttpResponse> {
  const first = await sendOnce(http, clock, session, request);
  const previous = session.nonce;
  remember(session, first);
  if (!asksForNonce(first) || session.nonce === null || session.nonce === previous) return first;
  const second = await sendOnce(http, clock, session, request);
  remember(session, second);
  return second;
}

function sendOnce(
  http: HttpClient,
  clock: Clock,
  session: DpopSession,
  request: DpopRequest,
): Promise<HttpResponse> {
  const { accessToken, ...plain } = request;
  const proof = dpopProof(session.key, {
    method: request.method,
    url: request.url,
    nonce: session.nonce,
    accessToken: accessToken ?? null,
    now: clock.now(),
  });
  const headers: Record<string, string> = { ...plain.headers, DPoP: proof };
  if (accessToken) headers.Authorization = `DPoP ${accessToken}`;
  return http.request({ ...plain, headers });
}

function remember(session: DpopSession, response: HttpResponse): void {
  const nonce = response.headers.get('dpop-nonce');
  if (nonce && nonce.length <= 512) session.nonce = nonce;
}

/** RFC 9449 8 (authorization server) and 9 (resource server) nonce errors. */
export function asksForNonce(response: HttpResponse): boolean {
  if (response.status === 400 && response.body.kind === 'json') {
    return stringField(response.body.value, 'error') === 'use_dpop_nonce';
  }
  if (response.status === 401) {
    return /error="use_dpop_nonce"/.test(response.headers.get('www-authenticate') ?? '');
  }
  return false;
}

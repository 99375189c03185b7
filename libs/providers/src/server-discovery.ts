import type { AuthorizationUrlParams, ExchangeCodeParams, TokenSet } from './adapter';
import type { JsonObject } from './json';

/**
 * What one flow remembers between its steps (Bluesky: the DID, PDS and authorization server
 * found for the handle, then the session's DPoP key and nonce). Kept by the oauth service with
 * the flow and dropped when the flow ends; it may hold a key, so it is never logged.
 */
export type FlowContext = JsonObject;

/**
 * For platforms whose authorization server depends on the user (Bluesky: handle → DID → PDS →
 * authorization server) and whose authorization request is pushed first (PAR): the adapter's
 * `authorizationUrl` / `exchangeCode` are replaced by these per-flow steps.
 */
export interface ServerDiscovery {
  /**
   * Checks the user's input (`serverUrl` on connect) and finds their server. Rejects with a
   * ProviderError of kind `invalid_request` whose `providerCode` is the documented API error
   * code (e.g. `bluesky-handle-not-found`, `url-not-allowed`).
   */
  discover(serverInput: string | null): Promise<FlowContext>;
  /** The authorization URL for a discovered flow (after PAR); and the context to keep for the exchange. */
  authorize(
    params: AuthorizationUrlParams,
    context: FlowContext,
  ): Promise<{ url: string; context: FlowContext }>;
  /** The RFC 9207 `iss` this flow's callback must carry. */
  issuer(context: FlowContext): string | null;
  exchangeCode(params: ExchangeCodeParams, context: FlowContext): Promise<TokenSet>;
}

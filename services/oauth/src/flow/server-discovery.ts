import { CodedError, ErrorCodes } from '@switchboard/contracts';
import { isProviderError, type FlowContext, type ProviderAdapter } from '@switchboard/providers';

/**
 * For adapters with per-user discovery (Bluesky): finds the user's server from `serverUrl` when
 * the flow starts, so a handle that does not resolve is a 4xx on the connect call, not an error
 * page later. Null for every other adapter.
 */
export async function discoverServer(
  adapter: ProviderAdapter,
  serverUrl: string | null | undefined,
): Promise<FlowContext | null> {
  if (!adapter.discovery) return null;
  try {
    return await adapter.discovery.discover(serverUrl ?? null);
  } catch (error) {
    throw discoveryFailure(error);
  }
}

/**
 * A discovery or pushed-request failure as the API error it is: the user's input (the provider's
 * documented code, e.g. `bluesky-handle-not-found`, `url-not-allowed`) or an unreachable server.
 */
export function discoveryFailure(error: unknown): unknown {
  if (!isProviderError(error)) return error;
  if (error.kind === 'invalid_request') {
    return new CodedError(error.providerCode ?? ErrorCodes.validation, error.message);
  }
  return new CodedError(
    ErrorCodes.unavailable,
    `the platform's server could not be reached (${error.status ?? 'network'}); try again`,
  );
}

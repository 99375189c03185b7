import { CodedError, ErrorCodes, type PlatformType } from '@switchboard/contracts';
import type { ProviderAdapter } from './adapter';
import { PLATFORM_CATALOG } from './catalog';
import { systemClock, type Clock } from './clock';
import { endpointMapper, sandboxEnabled, type EnvSource } from './endpoint-override';
import { createHttpClient, type FetchLike, type HttpClient, type RequestHook } from './http';
import type { DirectConnector } from './direct-connect';
import type { OAuth2ProviderConfig } from './oauth2/config';
import { OAuth2Adapter } from './oauth2/oauth2-adapter';
import type { ClientCredentials, InstanceContext, PlatformDefinition } from './platform-definition';

export interface ProviderRegistryOptions {
  /** Usually `process.env`: `<TYPE>_CLIENT_ID`, `<TYPE>_CLIENT_SECRET`, `<TYPE>_BASE_URL`, `SANDBOX_URL`. */
  env: EnvSource;
  clock?: Clock;
  /** Per request, connect to last body byte. Default 10 s. */
  fetchTimeoutMs?: number;
  /** Default 1 MiB; larger answers are unreadable (transient). */
  maxResponseBytes?: number;
  /** Called once per provider request (metrics, spans). */
  onRequest?: RequestHook;
  /** Replaces global fetch, e.g. with an SSRF-guarded one for team-supplied URLs. */
  fetch?: FetchLike;
  /**
   * The fetch for servers a user named (Mastodon instances): services pass an SSRF-guarded one
   * (`safeFetch` of `@switchboard/platform`). Default: `fetch`.
   */
  instanceFetch?: FetchLike;
}

export interface ProviderRegistry {
  /**
   * The adapter for a built-in platform, with the deployment's credentials or — for a team's own
   * developer app — the given ones. Throws `CodedError('unknown-platform')` for a type without an
   * adapter, or without credentials when none are given.
   */
  get(
    type: PlatformType,
    credentials?: ClientCredentials,
    instance?: InstanceContext,
  ): ProviderAdapter;
  /**
   * How a platform connects synchronously (`{botToken, channel}`, an app password); null when
   * it connects only through an authorization redirect.
   */
  direct?(type: PlatformType): DirectConnector | null;
  /** Platforms usable with the deployment's own credentials (env or sandbox). */
  supported(): PlatformType[];
  /**
   * An adapter for a configuration built elsewhere (`CUSTOM_OAUTH2:<key>`, the generic sandbox);
   * its requests go through `instanceFetch` (the URLs are a team's input).
   */
  fromConfig(config: OAuth2ProviderConfig): ProviderAdapter;
}

/**
 * Reads credentials and endpoint overrides once. With `SANDBOX_URL` set, platforms without
 * `<TYPE>_CLIENT_ID` use the sandbox client `sandbox-<type-lower>-client` / `-secret`.
 * Throws `CodedError('validation-failed')` for a malformed environment (a client id without its
 * secret, a base URL that is not http(s)).
 */
export function createProviderRegistry(options: ProviderRegistryOptions): ProviderRegistry {
  const clock = options.clock ?? systemClock;
  const http: HttpClient = createHttpClient({
    timeoutMs: options.fetchTimeoutMs,
    maxResponseBytes: options.maxResponseBytes,
    onRequest: options.onRequest,
    fetch: options.fetch,
  });
  const deploymentCredentials = new Map<PlatformType, ClientCredentials>();
  const endpoints = new Map<PlatformType, (url: string) => string>();
  for (const [type, definition] of PLATFORM_CATALOG) {
    endpoints.set(type, endpointMapper(type, options.env));
    if (definition.app === 'instance') continue;
    const credentials = envCredentials(type, options.env);
    if (credentials) deploymentCredentials.set(type, credentials);
  }
  const instanceHttp: HttpClient = createHttpClient({
    timeoutMs: options.fetchTimeoutMs,
    maxResponseBytes: options.maxResponseBytes,
    onRequest: options.onRequest,
    fetch: options.instanceFetch,
  });
  const cache = new Map<PlatformType, ProviderAdapter>();

  function build(
    definition: PlatformDefinition,
    credentials: ClientCredentials,
    instance?: InstanceContext,
  ): ProviderAdapter {
    if (instance) {
      return definition.create({
        credentials,
        endpoint: (url) => url,
        http: instanceHttp,
        clock,
        env: options.env,
        instance,
      });
    }
    const endpoint = endpoints.get(definition.type) ?? ((url: string) => url);
    return definition.create({
      credentials,
      endpoint,
      http,
      clock,
      env: options.env,
      guardedHttp: instanceHttp,
    });
  }

  return {
    get(type, credentials, instance) {
      const definition = PLATFORM_CATALOG.get(type);
      if (!definition) {
        throw new CodedError(ErrorCodes.unknownPlatform, `no provider adapter for ${type}`);
      }
      if (credentials) {
        if (!credentials.clientId || !credentials.clientSecret) {
          throw new CodedError(
            ErrorCodes.validation,
            `${type} app credentials need a client id and secret`,
          );
        }
        return build(definition, credentials, instance);
      }
      const cached = cache.get(definition.type);
      if (cached) return cached;
      if (definition.app === 'none') {
        const appless = build(definition, { clientId: '', clientSecret: '' });
        cache.set(definition.type, appless);
        return appless;
      }
      if (definition.app === 'instance') {
        throw new CodedError(
          ErrorCodes.unknownPlatform,
          `${type} needs the app registered for the user's server`,
        );
      }
      const own = deploymentCredentials.get(definition.type);
      if (!own) {
        throw new CodedError(
          ErrorCodes.unknownPlatform,
          `${type} is not configured: set ${type}_CLIENT_ID and ${type}_CLIENT_SECRET`,
        );
      }
      const adapter = build(definition, own);
      cache.set(definition.type, adapter);
      return adapter;
    },
    direct(type) {
      const definition = PLATFORM_CATALOG.get(type);
      if (!definition?.direct) return null;
      const endpoint = endpoints.get(definition.type) ?? ((url: string) => url);
      return definition.direct({
        credentials: deploymentCredentials.get(definition.type) ?? {
          clientId: '',
          clientSecret: '',
        },
        endpoint,
        http,
        clock,
        env: options.env,
        guardedHttp: instanceHttp,
      });
    },
    supported() {
      const appless = [...PLATFORM_CATALOG.values()]
        .filter((definition) => definition.app === 'none')
        .map((definition) => definition.type);
      return [...new Set([...deploymentCredentials.keys(), ...appless])];
    },
    fromConfig(config) {
      // the endpoints of a configuration built elsewhere are team input: the guarded client
      return new OAuth2Adapter(config, { http: instanceHttp, clock });
    },
  };
}

function envCredentials(type: PlatformType, env: EnvSource): ClientCredentials | null {
  const clientId = env[`${type}_CLIENT_ID`]?.trim();
  const clientSecret = env[`${type}_CLIENT_SECRET`]?.trim();
  if (clientId) {
    if (!clientSecret) {
      throw new CodedError(
        ErrorCodes.validation,
        `${type}_CLIENT_SECRET must be set with ${type}_CLIENT_ID`,
      );
    }
    return { clientId, clientSecret };
  }
  if (sandboxEnabled(env)) {
    const lower = type.toLowerCase();
    return { clientId: `sandbox-${lower}-client`, clientSecret: `sandbox-${lower}-secret` };
  }
  return null;
}

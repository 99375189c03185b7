import type { BuiltInPlatformType } from '@switchboard/contracts';
import type { ProviderAdapter } from './adapter';
import type { DirectConnector } from './direct-connect';
import type { Clock } from './clock';
import type { EnvSource } from './endpoint-override';
import type { HttpClient } from './http';

/** A developer app's credentials: the deployment's (`<TYPE>_CLIENT_ID`/`_SECRET`) or a team's own. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * The user's own server for platforms without one fixed host (a Mastodon instance): its base URL,
 * already validated as safe to call, and whether it takes PKCE.
 */
export interface InstanceContext {
  serverUrl: string;
  pkce: boolean;
}

/** What the registry hands a platform when it builds its adapter. */
export interface PlatformContext {
  credentials: ClientCredentials;
  /**
   * The URL to call for one of the platform's real endpoint URLs: the URL itself, or its
   * sandbox / `<TYPE>_BASE_URL` rewrite. Every endpoint must pass through it.
   */
  endpoint: (realUrl: string) => string;
  http: HttpClient;
  clock: Clock;
  /**
   * The registry's environment, for platform settings beside the app credentials (Slack's
   * `SLACK_SIGNING_SECRET`, Reddit's `REDDIT_USER_AGENT`). Absent when built outside a registry.
   */
  env?: EnvSource;
  /**
   * Set for platforms whose server the user chose (Mastodon): `http` then goes through the
   * registry's guarded fetch, and `endpoint` is not applied (the instance URL is the real one).
   */
  instance?: InstanceContext;
  /**
   * HTTP through the registry's guarded fetch (`instanceFetch`), for URLs a user controls that
   * the platform discovers itself (Bluesky: handle, DID document, PDS, authorization server).
   */
  guardedHttp?: HttpClient;
}

/** One catalog entry: a built-in platform and how to build its adapter. */
export interface PlatformDefinition {
  type: BuiltInPlatformType;
  /**
   * `none`: the platform has no developer app (Telegram: the user brings a bot token);
   * `instance`: one app per user-chosen server, registered at run time (Mastodon). Default
   * `deployment`: `<TYPE>_CLIENT_ID` / `_SECRET`, or a team's own app.
   */
  app?: 'deployment' | 'instance' | 'none';
  create(context: PlatformContext): ProviderAdapter;
  /** For platforms connected synchronously, without a redirect (see `DirectConnector`). */
  direct?(context: PlatformContext): DirectConnector;
}

import type { BuiltInPlatformType } from '@switchboard/contracts';
import type { ProviderAdapter } from './adapter';
import type { Clock } from './clock';
import type { EnvSource } from './endpoint-override';
import type { HttpClient } from './http';

/** A developer app's credentials: the deployment's (`<TYPE>_CLIENT_ID`/`_SECRET`) or a team's own. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
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
}

/** One catalog entry: a built-in platform and how to build its adapter. */
export interface PlatformDefinition {
  type: BuiltInPlatformType;
  create(context: PlatformContext): ProviderAdapter;
}

import { Inject, Injectable } from '@nestjs/common';
import { CodedError, ErrorCodes, VaultAppGet, type PlatformType } from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import {
  PLATFORM_CATALOG,
  type ProviderAdapter,
  type ProviderRegistry,
} from '@switchboard/providers';
import { PROVIDERS } from '../providers.provider';
import { InstanceAppsService } from './instance-apps.service';
import { TeamAppsService } from './team-apps.service';
import { CustomProvidersService, isCustomType } from '../custom-providers/custom-providers.service';

/**
 * Which developer app a flow uses, decided when it starts and kept with it (`app_key`): the app
 * registered on the Mastodon instance the user named, else the team's own app for the platform,
 * else (null) the deployment's. Callbacks, exchanges and stored credentials follow the flow's app.
 */
@Injectable()
export class AppResolver {
  constructor(
    private readonly rpc: RpcClient,
    private readonly instances: InstanceAppsService,
    private readonly teamApps: TeamAppsService,
    private readonly custom: CustomProvidersService,
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
  ) {}

  /** The app key for a new flow; validates the platform (and the instance URL) first. */
  async forStart(
    teamId: string,
    type: PlatformType,
    serverUrl: string | null | undefined,
  ): Promise<string | null> {
    if (isCustomType(type)) return this.custom.appKeyForStart(teamId, type);
    if (type === 'MASTODON') {
      if (!serverUrl) {
        throw new CodedError(
          ErrorCodes.validation,
          'serverUrl: the Mastodon instance (e.g. https://mastodon.social) is required',
        );
      }
      return (await this.instances.appFor(serverUrl)).appKey;
    }
    // app-less platforms connect with credentials, unless they discover the user's server (Bluesky)
    if (PLATFORM_CATALOG.get(type)?.app === 'none' && !this.providers.get(type).discovery) {
      throw new CodedError(
        ErrorCodes.validation,
        `${type} connects without a redirect: send its credentials (${
          this.providers.direct?.(type)?.fields.join(', ') ?? 'see the API'
        }) to the connect route`,
      );
    }
    const appKey = await this.teamApps.activeKey(teamId, type);
    if (appKey === null) this.providers.get(type);
    return appKey;
  }

  /** The adapter of a flow's (or a connection's) app. */
  async adapterFor(type: PlatformType, appKey: string | null): Promise<ProviderAdapter> {
    if (appKey === null) return this.providers.get(type);
    if (isCustomType(type)) return this.custom.adapter(type, appKey);
    const app = await this.rpc.call(VaultAppGet, { appKey });
    return this.providers.get(
      type,
      { clientId: app.clientId, clientSecret: app.clientSecret },
      app.serverUrl ? { serverUrl: app.serverUrl, pkce: app.pkce } : undefined,
    );
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { CodedError, ErrorCodes, type PlatformType } from '@switchboard/contracts';
import type { ProviderAdapter, ProviderRegistry } from '@switchboard/providers';
import { PROVIDERS } from '../providers.provider';
import { AppSecretsService } from './app-secrets.service';
import { CustomProvidersService } from '../custom-providers/custom-providers.service';

/**
 * The adapter a credential's refreshes and revocations go through: built with the app the tokens
 * were issued to (a team's own app, a Mastodon instance's app), else the deployment's.
 */
@Injectable()
export class AppAdapters {
  constructor(
    private readonly apps: AppSecretsService,
    private readonly custom: CustomProvidersService,
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
  ) {}

  async forApp(type: string, appKey: string | null): Promise<ProviderAdapter> {
    if (appKey === null) return this.providers.get(type as PlatformType);
    if (type.startsWith('CUSTOM_OAUTH2:')) return this.custom.adapter(type as PlatformType, appKey);
    const app = await this.apps.find(appKey);
    if (!app) {
      throw new CodedError(ErrorCodes.notFound, `the app ${appKey} of this credential is gone`);
    }
    return this.providers.get(
      type as PlatformType,
      { clientId: app.clientId, clientSecret: app.clientSecret },
      app.serverUrl ? { serverUrl: app.serverUrl, pkce: app.pkce } : undefined,
    );
  }
}

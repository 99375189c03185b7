import { Inject, Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  OAuthProviderDelete,
  OAuthProviderList,
  OAuthProviderRegister,
  VaultProviderDelete,
  VaultProviderGet,
  VaultProviderList,
  VaultProviderPut,
  type CustomProviderView,
  type PlatformType,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import {
  customOAuth2Config,
  type ProviderAdapter,
  type ProviderRegistry,
} from '@switchboard/providers';
import { createHash } from 'node:crypto';
import { OAUTH_ENV, type OAuthEnv } from '../config';
import { callbackUri } from '../flow/callback-url';
import { PROVIDERS } from '../providers.provider';
import { checkProviderUrls } from './provider-urls';

const PREFIX = 'CUSTOM_OAUTH2:';

export function isCustomType(type: string): boolean {
  return type.startsWith(PREFIX);
}

/** One app key per team and provider key: its secret, credentials and rate budget go by it. */
export function customAppKey(teamId: string, key: string): string {
  return `custom-${createHash('sha256').update(`${teamId}:${key}`).digest('hex').slice(0, 32)}`;
}

type Secretless = RpcReply<typeof VaultProviderList>['items'][number];

/**
 * Teams' own OAuth 2.0 providers (API.md `POST /api/v1/provider`): validated here (URLs checked
 * for SSRF before anything is stored or called), kept in the vault (configuration beside the
 * sealed client secret), and turned into the adapter of `CUSTOM_OAUTH2:<key>` flows.
 */
@Injectable()
export class CustomProvidersService {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
    @Inject(OAUTH_ENV) private readonly env: OAuthEnv,
  ) {}

  async register(
    req: RpcRequest<typeof OAuthProviderRegister>,
  ): Promise<RpcReply<typeof OAuthProviderRegister>> {
    await checkProviderUrls(req.config, this.env.DEV_MODE);
    const stored = await this.rpc.call(VaultProviderPut, {
      appKey: customAppKey(req.teamId, req.key),
      teamId: req.teamId,
      key: req.key,
      config: req.config,
      clientId: req.clientId,
      clientSecret: req.clientSecret,
    });
    return this.view(stored);
  }

  async list(
    req: RpcRequest<typeof OAuthProviderList>,
  ): Promise<RpcReply<typeof OAuthProviderList>> {
    const { items } = await this.rpc.call(VaultProviderList, { teamId: req.teamId });
    return { items: items.map((item) => this.view(item)) };
  }

  delete(
    req: RpcRequest<typeof OAuthProviderDelete>,
  ): Promise<RpcReply<typeof OAuthProviderDelete>> {
    return this.rpc.call(VaultProviderDelete, req);
  }

  /** The app key of a new `CUSTOM_OAUTH2:<key>` flow; unknown or deleted providers are refused. */
  async appKeyForStart(teamId: string, type: PlatformType): Promise<string> {
    const appKey = customAppKey(teamId, type.slice(PREFIX.length));
    const provider = await this.find(appKey);
    if (!provider || provider.deleted) {
      throw new CodedError(
        ErrorCodes.unknownPlatform,
        `${type} is not registered for this team (POST /api/v1/provider)`,
      );
    }
    return appKey;
  }

  async adapter(type: PlatformType, appKey: string): Promise<ProviderAdapter> {
    const provider = await this.find(appKey);
    if (!provider || `${PREFIX}${provider.key}` !== type) {
      throw new CodedError(ErrorCodes.unknownPlatform, `${type}: the provider is gone`);
    }
    return this.providers.fromConfig(
      customOAuth2Config({
        key: provider.key,
        ...provider.config,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
      }),
    );
  }

  private async find(appKey: string): Promise<RpcReply<typeof VaultProviderGet> | null> {
    try {
      return await this.rpc.call(VaultProviderGet, { appKey });
    } catch (error) {
      if (error instanceof CodedError && error.code === ErrorCodes.notFound) return null;
      throw error;
    }
  }

  private view(item: Secretless): CustomProviderView {
    const type = `${PREFIX}${item.key}` as PlatformType;
    return {
      ...item.config,
      teamId: item.teamId,
      key: item.key,
      type,
      clientId: item.clientId,
      redirectUri: callbackUri(this.env.PUBLIC_URL, type),
      appKey: item.appKey,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
    };
  }
}

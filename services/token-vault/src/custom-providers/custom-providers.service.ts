import { Inject, Injectable } from '@nestjs/common';
import {
  CodedError,
  CustomProviderConfigSchema,
  ErrorCodes,
  VaultProviderDelete,
  VaultProviderGet,
  VaultProviderList,
  VaultProviderPut,
  type CustomProviderConfig,
  type PlatformType,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import {
  customOAuth2Config,
  type ProviderAdapter,
  type ProviderRegistry,
} from '@switchboard/providers';
import { DataSource } from 'typeorm';
import { AppSecretsService } from '../apps/app-secrets.service';
import { PROVIDERS } from '../providers.provider';

interface ProviderRow {
  app_key: string;
  team_id: string;
  key: string;
  config: unknown;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * `CUSTOM_OAUTH2:<key>` providers: their configuration here, their client secret sealed with the
 * other app secrets. The vault builds their adapters for refreshes and revocations; oauth reads
 * them (with the secret) for flows.
 */
@Injectable()
export class CustomProvidersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: AppSecretsService,
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
  ) {}

  async put(req: RpcRequest<typeof VaultProviderPut>): Promise<RpcReply<typeof VaultProviderPut>> {
    const taken: { app_key: string }[] = await this.dataSource.query(
      `SELECT app_key FROM token_vault.custom_provider WHERE team_id = $1 AND key = $2`,
      [req.teamId, req.key],
    );
    if (taken[0] && taken[0].app_key !== req.appKey) {
      throw new CodedError(ErrorCodes.conflict, 'that key is registered under another app key');
    }
    await this.secrets.put({
      appKey: req.appKey,
      type: `CUSTOM_OAUTH2:${req.key}`,
      clientId: req.clientId,
      clientSecret: req.clientSecret,
      serverUrl: null,
      pkce: req.config.pkce,
    });
    const rows: ProviderRow[] = await this.dataSource.query(
      `INSERT INTO token_vault.custom_provider (app_key, team_id, key, config)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (app_key) DO UPDATE SET config = EXCLUDED.config, deleted_at = NULL,
         updated_at = now()
       RETURNING *`,
      [req.appKey, req.teamId, req.key, JSON.stringify(req.config)],
    );
    return this.view(rows[0], req.clientId);
  }

  async get(req: RpcRequest<typeof VaultProviderGet>): Promise<RpcReply<typeof VaultProviderGet>> {
    const row = await this.row(req.appKey);
    const app = await this.secrets.find(req.appKey);
    if (!row || !app) throw new CodedError(ErrorCodes.notFound, 'no such provider');
    return {
      ...this.view(row, app.clientId),
      clientSecret: app.clientSecret,
      deleted: row.deleted_at !== null,
    };
  }

  async list(
    req: RpcRequest<typeof VaultProviderList>,
  ): Promise<RpcReply<typeof VaultProviderList>> {
    const rows: (ProviderRow & { client_id: string })[] = await this.dataSource.query(
      `SELECT p.*, s.client_id FROM token_vault.custom_provider p
         JOIN token_vault.app_secret s ON s.app_key = p.app_key
        WHERE p.team_id = $1 AND p.deleted_at IS NULL ORDER BY p.created_at, p.key`,
      [req.teamId],
    );
    return { items: rows.map((row) => this.view(row, row.client_id)) };
  }

  async delete(
    req: RpcRequest<typeof VaultProviderDelete>,
  ): Promise<RpcReply<typeof VaultProviderDelete>> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE token_vault.custom_provider SET deleted_at = now(), updated_at = now()
        WHERE team_id = $1 AND key = $2 AND deleted_at IS NULL`,
      [req.teamId, req.key],
    );
    return { deleted: result[1] === 1 };
  }

  /** The adapter of a custom provider's app key (deleted ones too: their connections live on). */
  async adapter(type: PlatformType, appKey: string): Promise<ProviderAdapter> {
    const provider = await this.get({ appKey });
    if (`CUSTOM_OAUTH2:${provider.key}` !== type) {
      throw new CodedError(ErrorCodes.conflict, 'the credential and its provider disagree');
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

  private async row(appKey: string): Promise<ProviderRow | null> {
    const rows: ProviderRow[] = await this.dataSource.query(
      `SELECT * FROM token_vault.custom_provider WHERE app_key = $1`,
      [appKey],
    );
    return rows[0] ?? null;
  }

  private view(row: ProviderRow, clientId: string) {
    return {
      appKey: row.app_key,
      teamId: row.team_id,
      key: row.key,
      config: CustomProviderConfigSchema.parse(row.config) satisfies CustomProviderConfig,
      clientId,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }
}

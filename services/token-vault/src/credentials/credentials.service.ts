import { Inject, Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  VaultCredentialsPut,
  VaultTokenGet,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { DataSource } from 'typeorm';
import { VAULT_ENV, type VaultEnv } from '../config';
import { RefreshService } from '../refresh/refresh.service';
import { CredentialEntity } from './credential.entity';
import { CredentialStore } from './credential-store';

type PutRequest = RpcRequest<typeof VaultCredentialsPut>;
type PutReply = RpcReply<typeof VaultCredentialsPut>;
type GetRequest = RpcRequest<typeof VaultTokenGet>;
type GetReply = RpcReply<typeof VaultTokenGet>;

@Injectable()
export class CredentialsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CredentialStore,
    private readonly refresher: RefreshService,
    @Inject(VAULT_ENV) private readonly env: VaultEnv,
  ) {}

  /** Stores a new grant, or replaces the grant of a reconnected connection (next version). */
  async put(req: PutRequest): Promise<PutReply> {
    return this.dataSource.transaction(async (tx) => {
      const existing = await tx.findOne(CredentialEntity, {
        where: { connectionId: req.connectionId },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing && existing.teamId !== req.teamId) {
        throw new CodedError(ErrorCodes.conflict, 'connection belongs to another team');
      }
      const version = (existing?.version ?? 0) + 1;
      const c = req.credential;
      const sealed = this.store.seal(
        { accessToken: c.accessToken, refreshToken: c.refreshToken, extra: c.extra },
        req.teamId,
        req.connectionId,
        version,
      );
      const refreshExpiresAt = c.refreshExpiresAt ? new Date(c.refreshExpiresAt) : null;
      const refreshable =
        c.refreshToken !== null && (!refreshExpiresAt || refreshExpiresAt > new Date());
      const now = new Date();
      await tx.save(CredentialEntity, {
        connectionId: req.connectionId,
        teamId: req.teamId,
        type: req.type,
        externalId: req.externalId,
        version,
        status: 'active',
        ...sealed,
        tokenType: c.tokenType,
        scopes: c.scopes,
        expiresAt: c.expiresAt ? new Date(c.expiresAt) : null,
        refreshExpiresAt,
        refreshable,
        issuedAt: now,
        refreshedAt: null,
        lockUntil: null,
        updatedAt: now,
      });
      return {
        credentialVersion: version,
        expiresAt: c.expiresAt,
        refreshable,
        refreshExpiresAt: c.refreshExpiresAt,
      };
    });
  }

  /** A usable access token; refreshed inline (shared with any refresh in flight) when about to expire. */
  async getToken(req: GetRequest): Promise<GetReply> {
    let row = await this.store.find(req.connectionId, req.teamId);
    if (row.status !== 'active') {
      throw new CodedError(ErrorCodes.reauthRequired, 'the connection needs to be reconnected');
    }
    if (row.refreshable && this.dueForInlineRefresh(row)) {
      const outcome = await this.refresher.refresh(row.connectionId, row.teamId);
      if (outcome.outcome === 'reauth_required' || outcome.outcome === 'permission_lost') {
        throw new CodedError(ErrorCodes.reauthRequired, 'the connection needs to be reconnected');
      }
      row = await this.store.find(req.connectionId, req.teamId);
    }
    if (row.expiresAt && row.expiresAt <= new Date()) {
      throw new CodedError(ErrorCodes.reauthRequired, 'the access token has expired');
    }
    const secret = this.store.open(row);
    return {
      accessToken: secret.accessToken,
      tokenType: row.tokenType,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      scopes: row.scopes,
      extra: secret.extra,
    };
  }

  private dueForInlineRefresh(row: CredentialEntity): boolean {
    if (!row.expiresAt) return false;
    const lifetimeMs = row.expiresAt.getTime() - (row.refreshedAt ?? row.issuedAt).getTime();
    const skewMs = Math.min(
      this.env.VAULT_REFRESH_SKEW_SECONDS * 1000,
      Math.max(0, lifetimeMs / 2),
    );
    return row.expiresAt.getTime() - Date.now() <= skewMs;
  }
}

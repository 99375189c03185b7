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
import { DecryptAudit } from '../audit/decrypt-audit';
import { VAULT_ENV, type VaultEnv } from '../config';
import { KeyRingService } from '../keys/key-ring.service';
import { RefreshService } from '../refresh/refresh.service';
import { CredentialRepository } from './credential.repository';
import type { CredentialRow } from './credential.row';
import { sealedValues } from '../crypto/envelope';
import { CredentialStore } from './credential-store';

type PutRequest = RpcRequest<typeof VaultCredentialsPut>;
type PutReply = RpcReply<typeof VaultCredentialsPut>;
type GetRequest = RpcRequest<typeof VaultTokenGet>;
type GetReply = RpcReply<typeof VaultTokenGet>;

@Injectable()
export class CredentialsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly credentials: CredentialRepository,
    private readonly store: CredentialStore,
    private readonly keyRing: KeyRingService,
    private readonly refresher: RefreshService,
    private readonly audit: DecryptAudit,
    @Inject(VAULT_ENV) private readonly env: VaultEnv,
  ) {}

  /** Stores a new grant, or replaces the grant of a reconnected connection (next version). */
  async put(req: PutRequest): Promise<PutReply> {
    return this.dataSource.transaction(async (tx) => {
      const existing: { team_id: string; version: number }[] = await tx.query(
        `SELECT team_id, version FROM token_vault.credential WHERE connection_id = $1 FOR UPDATE`,
        [req.connectionId],
      );
      if (existing[0] && existing[0].team_id !== req.teamId) {
        throw new CodedError(ErrorCodes.conflict, 'connection belongs to another team');
      }
      const version = (existing[0]?.version ?? 0) + 1;
      const c = req.credential;
      const kekId = await this.keyRing.activeForWrite(tx);
      const sealed = this.store.seal(
        { accessToken: c.accessToken, refreshToken: c.refreshToken, extra: c.extra },
        req.teamId,
        req.connectionId,
        version,
        kekId,
      );
      const refreshExpiresAt = c.refreshExpiresAt ? new Date(c.refreshExpiresAt) : null;
      const refreshable =
        c.refreshToken !== null && (!refreshExpiresAt || refreshExpiresAt > new Date());
      await tx.query(
        `INSERT INTO token_vault.credential (connection_id, team_id, type, external_id, version,
           status, kek_id, wrapped_key, iv, ciphertext, tag, token_type, scopes, expires_at,
           refresh_expires_at, refreshable, issued_at)
         VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, now())
         ON CONFLICT (connection_id) DO UPDATE SET type = EXCLUDED.type,
           external_id = EXCLUDED.external_id, version = EXCLUDED.version, status = 'active',
           kek_id = EXCLUDED.kek_id, wrapped_key = EXCLUDED.wrapped_key, iv = EXCLUDED.iv,
           ciphertext = EXCLUDED.ciphertext, tag = EXCLUDED.tag, token_type = EXCLUDED.token_type,
           scopes = EXCLUDED.scopes, expires_at = EXCLUDED.expires_at,
           refresh_expires_at = EXCLUDED.refresh_expires_at, refreshable = EXCLUDED.refreshable,
           issued_at = now(), refreshed_at = NULL, lock_until = NULL, updated_at = now(),
           revoked_at = NULL, revoked_by = NULL, revoke_pending = false, revoke_attempts = 0,
           revoke_next_at = NULL, revoke_announced = false`,
        [
          req.connectionId,
          req.teamId,
          req.type,
          req.externalId,
          version,
          ...sealedValues(sealed),
          c.tokenType,
          c.scopes,
          c.expiresAt ? new Date(c.expiresAt) : null,
          refreshExpiresAt,
          refreshable,
        ],
      );
      // the app the tokens were issued to: its refreshes and revocations use that app
      await tx.query(`UPDATE token_vault.credential SET app_key = $2 WHERE connection_id = $1`, [
        req.connectionId,
        req.appKey ?? null,
      ]);
      return {
        credentialVersion: version,
        expiresAt: c.expiresAt,
        refreshable,
        refreshExpiresAt: c.refreshExpiresAt,
      };
    });
  }

  /** A usable access token; refreshed inline (shared with any refresh in flight) when about to expire. */
  async getToken(req: GetRequest, caller: string): Promise<GetReply> {
    let row = await this.credentials.find(req.connectionId, req.teamId);
    if (row.status !== 'active') {
      throw new CodedError(ErrorCodes.reauthRequired, 'the connection needs to be reconnected');
    }
    let transient = false;
    if (row.refreshable && this.dueForInlineRefresh(row)) {
      const outcome = await this.refreshInline(row, caller);
      if (outcome === 'dead') {
        throw new CodedError(ErrorCodes.reauthRequired, 'the connection needs to be reconnected');
      }
      transient = outcome === 'transient';
      // whoever refreshed, the newest stored token is the one to hand out
      row = await this.credentials.find(req.connectionId, req.teamId);
    }
    if (row.expiresAt && row.expiresAt <= new Date()) {
      throw transient
        ? new CodedError(ErrorCodes.unavailable, 'the platform could not refresh the token; retry')
        : new CodedError(ErrorCodes.reauthRequired, 'the access token has expired');
    }
    const secret = this.store.open(row);
    this.audit.record({
      caller,
      purpose: req.purpose,
      connectionId: row.connectionId,
      teamId: row.teamId,
      credentialVersion: row.version,
    });
    return {
      accessToken: secret.accessToken,
      tokenType: row.tokenType,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      scopes: row.scopes,
      extra: secret.extra,
    };
  }

  private async refreshInline(
    row: CredentialRow,
    caller: string,
  ): Promise<'refreshed' | 'transient' | 'dead'> {
    try {
      const outcome = await this.refresher.refresh({
        connectionId: row.connectionId,
        teamId: row.teamId,
        caller,
        purpose: 'inline',
        observedVersion: row.version,
      });
      if (outcome.outcome === 'reauth_required' || outcome.outcome === 'permission_lost') {
        return 'dead';
      }
      return outcome.outcome;
    } catch (error) {
      // our lock lapsed and another holder stored newer tokens: those are the ones to return
      if (error instanceof CodedError && error.code === ErrorCodes.staleWrite) return 'refreshed';
      throw error;
    }
  }

  private dueForInlineRefresh(row: CredentialRow): boolean {
    if (!row.expiresAt) return false;
    const lifetimeMs = row.expiresAt.getTime() - (row.refreshedAt ?? row.issuedAt).getTime();
    const skewMs = Math.min(
      this.env.VAULT_REFRESH_SKEW_SECONDS * 1000,
      Math.max(0, lifetimeMs / 2),
    );
    return row.expiresAt.getTime() - Date.now() <= skewMs;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  VaultCredentialsCopy,
  type PlatformType,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import type { ProviderRegistry } from '@switchboard/providers';
import { DataSource } from 'typeorm';
import { DecryptAudit } from '../audit/decrypt-audit';
import { KeyRingService } from '../keys/key-ring.service';
import { PROVIDERS } from '../providers.provider';
import { CredentialRepository } from './credential.repository';
import { sealedValues } from '../crypto/envelope';
import { CredentialStore } from './credential-store';

type CopyRequest = RpcRequest<typeof VaultCredentialsCopy>;
type CopyReply = RpcReply<typeof VaultCredentialsCopy>;

/**
 * Copies a credential to another team's new connection. The tokens are opened and sealed again
 * here, under a fresh data key whose associated data names the target team and connection; they
 * never leave the vault. The copy is independent: its own version, refresh lock and shredding.
 *
 * Grants whose refresh tokens rotate are refused (`rotating-grant-not-copyable`): the first copy
 * to refresh would invalidate the other's refresh token, and at X, TikTok, Discord or Fanvue
 * presenting it again revokes the whole grant. Sharing one grant between two teams would couple
 * their refreshes and disconnects, which is what a copy is meant to avoid; the target team
 * connects the account with its own authorization instead.
 */
@Injectable()
export class CredentialCopyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly credentials: CredentialRepository,
    private readonly store: CredentialStore,
    private readonly keyRing: KeyRingService,
    private readonly audit: DecryptAudit,
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
  ) {}

  async copy(req: CopyRequest, caller: string): Promise<CopyReply> {
    if (req.teamId === req.sourceTeamId) {
      throw new CodedError(ErrorCodes.validation, 'a copy goes to another team');
    }
    return this.dataSource.transaction(async (tx) => {
      // the source row is locked for the copy so a refresh cannot swap its tokens half-way
      const locked: { app_key: string | null }[] = await tx.query(
        `SELECT app_key FROM token_vault.credential WHERE connection_id = $1 AND team_id = $2 FOR SHARE`,
        [req.sourceConnectionId, req.sourceTeamId],
      );
      if (locked[0]?.app_key) {
        // issued to the source team's own developer app: only that app can refresh or revoke it,
        // and the team may replace or delete its app at any time
        throw new CodedError(
          'own-app-grant-not-copyable',
          "the account was connected through the team's own app; connect it in the other team instead",
        );
      }
      const source = await this.credentials.find(req.sourceConnectionId, req.sourceTeamId, tx);
      if (source.status !== 'active') {
        throw new CodedError(
          ErrorCodes.reauthRequired,
          'the account needs to be reconnected before it can be copied',
        );
      }
      if (source.refreshable && this.providers.get(source.type as PlatformType).refreshRotates) {
        throw new CodedError(
          'rotating-grant-not-copyable',
          `${source.type} rotates refresh tokens: two copies would invalidate each other; connect the account in the other team instead`,
        );
      }
      const taken: unknown[] = await tx.query(
        `SELECT 1 FROM token_vault.credential WHERE connection_id = $1`,
        [req.connectionId],
      );
      if (taken.length > 0) throw new CodedError(ErrorCodes.conflict, 'connection id in use');
      const secret = this.store.open(source);
      this.audit.record({
        caller,
        purpose: 'copy',
        connectionId: source.connectionId,
        teamId: source.teamId,
        credentialVersion: source.version,
      });
      const version = 1;
      const kekId = await this.keyRing.activeForWrite(tx);
      const sealed = this.store.seal(secret, req.teamId, req.connectionId, version, kekId);
      await tx.query(
        `INSERT INTO token_vault.credential (connection_id, team_id, type, external_id, version,
           status, kek_id, wrapped_key, iv, ciphertext, tag, token_type, scopes, expires_at,
           refresh_expires_at, refreshable, issued_at, refreshed_at)
         VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
        [
          req.connectionId,
          req.teamId,
          source.type,
          source.externalId,
          version,
          ...sealedValues(sealed),
          source.tokenType,
          source.scopes,
          source.expiresAt,
          source.refreshExpiresAt,
          source.refreshable,
          source.issuedAt,
          source.refreshedAt,
        ],
      );
      return {
        credentialVersion: version,
        expiresAt: source.expiresAt?.toISOString() ?? null,
        refreshable: source.refreshable,
        refreshExpiresAt: source.refreshExpiresAt?.toISOString() ?? null,
        scopes: source.scopes,
      };
    });
  }
}

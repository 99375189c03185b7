import { Injectable } from '@nestjs/common';
import type {
  AccountConnectedV1,
  ConnectedAccount,
  RefreshFailedV1,
  TokenExpiringV1,
  TokenRefreshedV1,
  TokenRevokedV1,
  AccountDisconnectedV1,
} from '@switchboard/contracts';
import { DataSource, type EntityManager } from 'typeorm';

type ConnectedData = AccountConnectedV1['data'];

/**
 * Keeps the connections registry in step with commands (read-your-writes after a callback) and
 * events. Every update is guarded by the credential version, so a late event never undoes a
 * newer state (a refresh failure arriving after a reconnect, say).
 */
@Injectable()
export class RegistryService {
  constructor(private readonly dataSource: DataSource) {}

  async upsertConnected(
    account: ConnectedAccount | ConnectedData,
    tx?: EntityManager,
  ): Promise<void> {
    const a = 'connectionId' in account ? fromEvent(account) : account;
    if (!tx) {
      await this.dataSource.transaction((t) => this.upsertConnected(a, t));
      return;
    }
    // one main per team and platform: concurrent first connects must not both claim it
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`main:${a.teamId}:${a.type}`]);
    await tx.query(
      `INSERT INTO gateway.account AS acc (id, team_id, type, external_id, display_name, avatar_url, status,
         status_reason, is_main, member_id, end_user_id, metadata, connected_at, expires_at, credential_version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'ACTIVE', NULL,
         NOT EXISTS (SELECT 1 FROM gateway.account m WHERE m.team_id = $2 AND m.type = $3 AND m.is_main AND m.id <> $1),
         $7, $8, $9, $10, $11, $12, now())
       ON CONFLICT (id) DO UPDATE SET
         external_id = EXCLUDED.external_id, display_name = EXCLUDED.display_name, avatar_url = EXCLUDED.avatar_url, status = 'ACTIVE',
         status_reason = NULL, last_error = NULL, expires_at = EXCLUDED.expires_at,
         credential_version = EXCLUDED.credential_version, updated_at = now()
       WHERE acc.credential_version <= EXCLUDED.credential_version`,
      [
        a.id,
        a.teamId,
        a.type,
        a.externalId,
        a.displayName,
        a.avatarUrl,
        a.memberId,
        a.endUserId,
        JSON.stringify(a.metadata),
        a.connectedAt,
        a.expiresAt,
        a.credentialVersion,
      ],
    );
  }

  async applyRefreshed(d: TokenRefreshedV1['data'], tx: EntityManager): Promise<void> {
    await tx.query(
      `UPDATE gateway.account SET last_refreshed_at = $2, expires_at = $3, credential_version = $4,
         status = CASE WHEN status IN ('EXPIRING', 'ERROR') THEN 'ACTIVE' ELSE status END,
         status_reason = CASE WHEN status IN ('EXPIRING', 'ERROR') THEN NULL ELSE status_reason END,
         updated_at = now()
       WHERE id = $1 AND credential_version <= $4 AND status NOT IN ('DISCONNECTED', 'EXPIRED')`,
      [d.connectionId, d.refreshedAt, d.expiresAt, d.credentialVersion],
    );
  }

  async applyRefreshFailed(d: RefreshFailedV1['data'], tx: EntityManager): Promise<void> {
    const status = d.reason === 'permission_lost' ? 'ERROR' : 'EXPIRED';
    await tx.query(
      `UPDATE gateway.account SET status = $2, status_reason = $3, last_error = $4, updated_at = now()
       WHERE id = $1 AND credential_version <= $5 AND status <> 'DISCONNECTED'`,
      [
        d.connectionId,
        status,
        d.reason,
        d.providerError ?? d.detail.slice(0, 300),
        d.credentialVersion,
      ],
    );
  }

  async applyExpiring(d: TokenExpiringV1['data'], tx: EntityManager): Promise<void> {
    await tx.query(
      `UPDATE gateway.account SET status = 'EXPIRING', status_reason = $2, updated_at = now()
       WHERE id = $1 AND credential_version <= $3 AND status IN ('ACTIVE', 'EXPIRING')`,
      [d.connectionId, d.cause, d.credentialVersion],
    );
  }

  async applyDisconnected(
    d: AccountDisconnectedV1['data'] | TokenRevokedV1['data'],
    tx: EntityManager,
  ): Promise<void> {
    // the user withdrew access at the platform: reconnect needed, not a team's disconnect
    if (d.by === 'provider') {
      await tx.query(
        `UPDATE gateway.account SET status = 'EXPIRED', status_reason = 'revoked_by_user', updated_at = now()
         WHERE id = $1 AND status <> 'DISCONNECTED'`,
        [d.connectionId],
      );
      return;
    }
    await tx.query(
      `UPDATE gateway.account SET status = 'DISCONNECTED', status_reason = 'disconnected_by_team', is_main = false, updated_at = now()
       WHERE id = $1`,
      [d.connectionId],
    );
  }
}

function fromEvent(d: ConnectedData): ConnectedAccount {
  return {
    id: d.connectionId,
    teamId: d.teamId,
    type: d.type,
    externalId: d.externalId,
    displayName: d.displayName,
    avatarUrl: d.avatarUrl,
    status: 'ACTIVE',
    memberId: d.memberId,
    endUserId: d.endUserId,
    metadata: d.metadata,
    connectedAt: d.connectedAt,
    expiresAt: d.expiresAt,
    credentialVersion: d.credentialVersion,
  };
}

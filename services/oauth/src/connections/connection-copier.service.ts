import { Injectable } from '@nestjs/common';
import {
  ACCOUNT_CONNECTED_V1,
  CodedError,
  ErrorCodes,
  OAuthConnectionCopy,
  VaultCredentialsCopy,
  VaultRevoke,
  type ConnectedAccount,
  type PlatformType,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { OutboxService } from '@switchboard/bus';
import { RpcClient } from '@switchboard/platform';
import { DataSource } from 'typeorm';
import { ConnectionEntity } from './connection.entity';

type CopyRequest = RpcRequest<typeof OAuthConnectionCopy>;

/**
 * A connection copied into another team: the vault copies the credential (the tokens never come
 * here), then the new connection is mapped — same external account, so the target team can
 * reconnect it and platform-pushed revocations reach it — and announced with `AccountConnected`.
 * The copy has no channel grant: switching its channel means reconnecting it.
 */
@Injectable()
export class ConnectionCopier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly rpc: RpcClient,
  ) {}

  async copy(req: CopyRequest): Promise<ConnectedAccount> {
    const repo = this.dataSource.manager.getRepository(ConnectionEntity);
    const source = await repo.findOne({
      where: { id: req.sourceConnectionId, teamId: req.sourceTeamId },
    });
    if (!source) throw new CodedError(ErrorCodes.notFound, 'no such connection');
    const already = await repo.findOne({
      where: { teamId: req.teamId, type: source.type, externalId: source.externalId },
    });
    if (already) {
      throw new CodedError(
        'account-already-connected',
        'the target team already has this account; reconnect it there instead',
      );
    }
    const stored = await this.rpc.call(VaultCredentialsCopy, {
      sourceConnectionId: source.id,
      sourceTeamId: source.teamId,
      connectionId: req.connectionId,
      teamId: req.teamId,
    });
    const now = new Date();
    try {
      await this.record(req, source, stored, now);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // a concurrent copy of the same account won: the credential made for this one is shredded
      // (the vault keeps the grant at the platform, since the account stays in use)
      await this.rpc.call(VaultRevoke, {
        connectionId: req.connectionId,
        teamId: req.teamId,
        by: 'team',
      });
      throw new CodedError('account-already-connected', 'the target team already has this account');
    }
    return {
      id: req.connectionId,
      teamId: req.teamId,
      type: source.type as PlatformType,
      externalId: source.externalId,
      displayName: req.displayName,
      avatarUrl: req.avatarUrl,
      status: 'ACTIVE',
      memberId: null,
      endUserId: req.endUserId,
      metadata: req.metadata,
      connectedAt: now.toISOString(),
      expiresAt: stored.expiresAt,
      credentialVersion: stored.credentialVersion,
    };
  }

  private async record(
    req: CopyRequest,
    source: ConnectionEntity,
    stored: RpcReply<typeof VaultCredentialsCopy>,
    now: Date,
  ): Promise<void> {
    const type = source.type as PlatformType;
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(ConnectionEntity, {
        id: req.connectionId,
        teamId: req.teamId,
        type,
        externalId: source.externalId,
        grantId: null,
        grantUserId: source.grantUserId,
        createdAt: now,
        updatedAt: now,
      });
      await this.outbox.enqueue(
        tx,
        ACCOUNT_CONNECTED_V1,
        {
          connectionId: req.connectionId,
          teamId: req.teamId,
          type,
          externalId: source.externalId,
          displayName: req.displayName,
          avatarUrl: req.avatarUrl,
          memberId: null,
          endUserId: req.endUserId,
          metadata: req.metadata,
          scopes: stored.scopes,
          credentialVersion: stored.credentialVersion,
          expiresAt: stored.expiresAt,
          refreshable: stored.refreshable,
          refreshExpiresAt: stored.refreshExpiresAt,
          connectedAt: now.toISOString(),
        },
        req.connectionId,
      );
    });
  }
}

function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string } }).driverError;
  return (driverError?.code ?? (error as { code?: string }).code) === '23505';
}

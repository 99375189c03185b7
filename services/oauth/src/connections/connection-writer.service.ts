import { Injectable } from '@nestjs/common';
import {
  ACCOUNT_CONNECTED_V1,
  ACCOUNT_RECONNECTED_V1,
  CodedError,
  GatewayLimitsReserve,
  VaultCredentialsPut,
  type ConnectedAccount,
  type Metadata,
  type PlatformType,
} from '@switchboard/contracts';
import { OutboxService } from '@switchboard/bus';
import { RpcClient } from '@switchboard/platform';
import type { AccountIdentity, TokenSet } from '@switchboard/providers';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { ConnectionEntity } from './connection.entity';

export interface ConnectionInput {
  teamId: string;
  type: PlatformType;
  identity: AccountIdentity;
  tokens: TokenSet;
  memberId: string | null;
  endUserId: string | null;
  metadata: Metadata;
  /**
   * `new`: a fresh connection, or the existing one for the same external account (reconnect);
   * `reconnect`: this connection, and it must be the same external account;
   * `switch`: this connection, now pointing at another channel of the same grant.
   */
  mode:
    | { kind: 'new' }
    | { kind: 'reconnect'; connectionId: string }
    | { kind: 'switch'; connectionId: string };
  grantId: string | null;
  grantUserId: string | null;
  /**
   * The developer app the tokens were issued to (`null`: the deployment's). Left out, it is the
   * app of the flow behind `grantId` (a channel chosen after the flow), else the connection's own.
   */
  appKey?: string | null;
}

/**
 * Turns an authorized account (or chosen channel) into a connection: the tokens go to the vault,
 * then the connection map and `AccountConnected` / `AccountReconnected` are written together.
 */
@Injectable()
export class ConnectionWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly rpc: RpcClient,
  ) {}

  async write(
    input: ConnectionInput,
    alsoInTx?: (tx: EntityManager) => Promise<void>,
  ): Promise<ConnectedAccount> {
    const { identity, tokens } = input;
    const existing = await this.resolveExisting(input);
    const connectionId = existing?.id ?? randomUUID();
    if (!existing) {
      const slot = await this.rpc.call(GatewayLimitsReserve, {
        teamId: input.teamId,
        type: input.type,
        connectionId,
        externalId: identity.externalId,
      });
      if (slot.refusal === 'account-connected-elsewhere') {
        // nothing about the other team is said: not its name, not its id
        throw new CodedError(
          'account-connected-elsewhere',
          'this account is already connected in another team',
        );
      }
      if (!slot.allowed) {
        throw new CodedError(
          'limit-reached',
          `the team's plan allows ${slot.limit ?? 'no more'} ${input.type} account(s)`,
        );
      }
    }
    const appKey = await this.appKeyOf(input, existing);
    const stored = await this.rpc.call(VaultCredentialsPut, {
      appKey,
      connectionId,
      teamId: input.teamId,
      type: input.type,
      externalId: identity.externalId,
      credential: {
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        tokenType: tokens.tokenType,
        expiresAt: tokens.expiresAt?.toISOString() ?? null,
        refreshExpiresAt: tokens.refreshExpiresAt?.toISOString() ?? null,
        scopes: tokens.scopes,
        extra: tokens.extra,
      },
    });
    const now = new Date();
    const account: ConnectedAccount = {
      id: connectionId,
      teamId: input.teamId,
      type: input.type,
      externalId: identity.externalId,
      displayName: identity.displayName,
      avatarUrl: identity.avatarUrl,
      status: 'ACTIVE',
      memberId: input.memberId,
      endUserId: input.endUserId,
      metadata: input.metadata,
      connectedAt: now.toISOString(),
      expiresAt: stored.expiresAt,
      credentialVersion: stored.credentialVersion,
    };
    await this.dataSource.transaction(async (tx) => {
      await tx.upsert(
        ConnectionEntity,
        {
          id: connectionId,
          teamId: input.teamId,
          type: input.type,
          externalId: identity.externalId,
          grantId: input.grantId ?? existing?.grantId ?? null,
          grantUserId: input.grantUserId ?? existing?.grantUserId ?? null,
          appKey,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
        },
        ['id'],
      );
      await alsoInTx?.(tx);
      await this.outbox.enqueue(
        tx,
        existing ? ACCOUNT_RECONNECTED_V1 : ACCOUNT_CONNECTED_V1,
        {
          connectionId,
          teamId: input.teamId,
          type: input.type,
          externalId: identity.externalId,
          displayName: identity.displayName,
          avatarUrl: identity.avatarUrl,
          memberId: input.memberId,
          endUserId: input.endUserId,
          metadata: input.metadata,
          scopes: tokens.scopes,
          credentialVersion: stored.credentialVersion,
          expiresAt: stored.expiresAt,
          refreshable: stored.refreshable,
          refreshExpiresAt: stored.refreshExpiresAt,
          connectedAt: now.toISOString(),
          ...(appKey ? { appKey } : {}),
        },
        connectionId,
      );
    });
    return account;
  }

  private async appKeyOf(
    input: ConnectionInput,
    existing: ConnectionEntity | null,
  ): Promise<string | null> {
    if (input.appKey !== undefined) return input.appKey;
    if (input.grantId) {
      const rows: { app_key: string | null }[] = await this.dataSource.query(
        `SELECT f.app_key FROM oauth.selection s JOIN oauth.flow f ON f.id = s.flow_id
          WHERE s.grant_id = $1 LIMIT 1`,
        [input.grantId],
      );
      if (rows[0]) return rows[0].app_key;
    }
    return existing?.appKey ?? null;
  }

  private async resolveExisting(input: ConnectionInput): Promise<ConnectionEntity | null> {
    const repo = this.dataSource.manager.getRepository(ConnectionEntity);
    const sameAccount = await repo.findOne({
      where: { teamId: input.teamId, type: input.type, externalId: input.identity.externalId },
    });
    switch (input.mode.kind) {
      case 'new':
        return sameAccount;
      case 'reconnect': {
        const target = await repo.findOne({
          where: { id: input.mode.connectionId, teamId: input.teamId },
        });
        if (!target || target.externalId !== input.identity.externalId) {
          throw new CodedError(
            'reconnect-account-mismatch',
            'a different account was authorized than the one being reconnected',
          );
        }
        return target;
      }
      case 'switch': {
        const target = await repo.findOne({
          where: { id: input.mode.connectionId, teamId: input.teamId },
        });
        if (!target) throw new CodedError('not-found', 'no such connection');
        if (sameAccount && sameAccount.id !== target.id) {
          throw new CodedError(
            'channel-already-connected',
            'that channel is already connected as another account',
          );
        }
        return target;
      }
    }
  }
}

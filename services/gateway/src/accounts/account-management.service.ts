import { Inject, Injectable } from '@nestjs/common';
import {
  ACCOUNT_DISCONNECTED_V1,
  CodedError,
  ErrorCodes,
  OAuthFlowStart,
  VaultRevoke,
  type PlatformType,
} from '@switchboard/contracts';
import { OutboxService } from '@switchboard/bus';
import { RpcClient } from '@switchboard/platform';
import { DataSource } from 'typeorm';
import { GATEWAY_ENV, type GatewayEnv } from '../config';
import { checkRedirectUrl } from '../connect/redirect-policy';
import { TeamsService } from '../teams/teams.service';
import type { AccountEntity } from './account.entity';

export interface Hold {
  reason: string;
  count: number;
  updatedAt: string;
}

/** What a team does to its accounts: disconnect (respecting holds), reconnect, main, holds. */
@Injectable()
export class AccountManagementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: RpcClient,
    private readonly outbox: OutboxService,
    private readonly teams: TeamsService,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  /**
   * Revokes at the platform where it can, shreds the tokens, keeps the history. The account leaves
   * `DISCONNECTED` and `AccountDisconnected` is announced in one transaction before the vault is
   * asked: asking first let the vault's `TokenRevoked` reach the registry (which marks the account
   * disconnected too) before this transaction ran, and then nothing was announced. The vault acts on
   * the event as well; the call makes the credential unusable before the answer, and is repeated on
   * an account already disconnected (a call that failed last time is retried that way).
   */
  async disconnect(account: AccountEntity, force: boolean): Promise<void> {
    if (account.status !== 'DISCONNECTED') {
      const hold = await this.hold(account.id);
      if (hold && !force) {
        throw new CodedError(
          'account-on-hold',
          `the account is on hold (${hold.reason}, ${hold.count}); pass force=true to disconnect anyway`,
        );
      }
      await this.dataSource.transaction(async (tx) => {
        const result: [unknown[], number] = await tx.query(
          `UPDATE gateway.account SET status = 'DISCONNECTED', status_reason = 'disconnected_by_team', is_main = false, updated_at = now()
           WHERE id = $1 AND status <> 'DISCONNECTED'`,
          [account.id],
        );
        await tx.query(`DELETE FROM gateway.account_hold WHERE account_id = $1`, [account.id]);
        if (result[1] !== 1) return;
        await this.outbox.enqueue(
          tx,
          ACCOUNT_DISCONNECTED_V1,
          {
            connectionId: account.id,
            teamId: account.teamId,
            type: account.type as PlatformType,
            by: 'team',
            disconnectedAt: new Date().toISOString(),
          },
          account.id,
        );
      });
    }
    await this.rpc.call(VaultRevoke, {
      connectionId: account.id,
      teamId: account.teamId,
      by: 'team',
    });
  }

  /** A connect URL that resumes this connection (same id, history kept). */
  async reconnectUrl(
    account: AccountEntity,
    redirectUrl: string | undefined,
  ): Promise<{ url: string }> {
    const team = await this.teams.get(account.teamId);
    const target =
      redirectUrl ??
      (team.allowedRedirectOrigins[0] ? `${team.allowedRedirectOrigins[0]}/` : undefined);
    if (!target)
      throw new CodedError(
        ErrorCodes.validation,
        'redirectUrl: required (the team has no allowed redirect origin to default to)',
      );
    const checked = checkRedirectUrl(target, team.allowedRedirectOrigins, this.env.DEV_MODE);
    const flow = await this.rpc.call(OAuthFlowStart, {
      teamId: account.teamId,
      type: account.type as PlatformType,
      redirectUrl: checked,
      memberId: account.memberId,
      endUserId: account.endUserId,
      metadata: account.metadata,
      scopes: [],
      reconnectConnectionId: account.id,
    });
    const url = new URL(
      `${this.env.PUBLIC_URL.replace(/\/$/, '')}/api/v1/social-account/flow/${flow.flowId}/launch`,
    );
    url.searchParams.set('token', flow.launchToken);
    return { url: url.toString() };
  }

  /** Exactly one main account per platform per team, switched atomically. */
  async setMain(account: AccountEntity): Promise<void> {
    if (account.status === 'DISCONNECTED')
      throw new CodedError(ErrorCodes.conflict, 'a disconnected account cannot be main');
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT id FROM gateway.account WHERE team_id = $1 AND type = $2 FOR UPDATE`, [
        account.teamId,
        account.type,
      ]);
      await tx.query(
        `UPDATE gateway.account SET is_main = false WHERE team_id = $1 AND type = $2 AND is_main AND id <> $3`,
        [account.teamId, account.type, account.id],
      );
      await tx.query(
        `UPDATE gateway.account SET is_main = true, updated_at = now() WHERE id = $1`,
        [account.id],
      );
    });
  }

  async putHold(account: AccountEntity, reason: string, count: number): Promise<Hold> {
    const rows: { reason: string; count: number; updated_at: Date }[] = await this.dataSource.query(
      `INSERT INTO gateway.account_hold (account_id, reason, count) VALUES ($1, $2, $3)
       ON CONFLICT (account_id) DO UPDATE SET reason = EXCLUDED.reason, count = EXCLUDED.count, updated_at = now()
       RETURNING reason, count, updated_at`,
      [account.id, reason, count],
    );
    return {
      reason: rows[0].reason,
      count: rows[0].count,
      updatedAt: rows[0].updated_at.toISOString(),
    };
  }

  async deleteHold(account: AccountEntity): Promise<void> {
    await this.dataSource.query(`DELETE FROM gateway.account_hold WHERE account_id = $1`, [
      account.id,
    ]);
  }

  async hold(accountId: string): Promise<Hold | null> {
    const rows: { reason: string; count: number; updated_at: Date }[] = await this.dataSource.query(
      `SELECT reason, count, updated_at FROM gateway.account_hold WHERE account_id = $1`,
      [accountId],
    );
    return rows[0]
      ? {
          reason: rows[0].reason,
          count: rows[0].count,
          updatedAt: rows[0].updated_at.toISOString(),
        }
      : null;
  }
}

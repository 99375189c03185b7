import { Injectable } from '@nestjs/common';
import type {
  AccountConnectedV1,
  AccountDisconnectedV1,
  AccountReconnectedV1,
  TokenRefreshedV1,
  TokenRevokedV1,
} from '@switchboard/contracts';
import type { EntityManager } from 'typeorm';
import { AccountsProjection } from '../accounts/accounts.projection';
import { factsOf } from '../messages/account-facts';
import { NoticeWriter } from '../notices/notice-writer.service';
import { ProblemsRepository } from '../problems/problems.repository';
import { RecipientsService } from '../recipients/recipients.service';
import { accountFromEvent, accountFromProjection } from '../webhooks/webhook-payloads';
import { WebhookFanout } from '../webhooks/webhook-fanout.service';

/** Connected, reconnected ("fixed", reminders stop), disconnected, revoked, refreshed. */
@Injectable()
export class AccountEventsHandler {
  constructor(
    private readonly accounts: AccountsProjection,
    private readonly recipients: RecipientsService,
    private readonly notices: NoticeWriter,
    private readonly fanout: WebhookFanout,
    private readonly problems: ProblemsRepository,
  ) {}

  async connected(e: AccountConnectedV1 | AccountReconnectedV1, tx: EntityManager): Promise<void> {
    const d = e.data;
    const reconnected = e.type === 'switchboard.account.reconnected.v1';
    await this.accounts.upsert(d, tx);
    const webhookType = reconnected ? 'account.reconnected' : 'account.connected';
    await this.fanout.publish(tx, {
      teamId: d.teamId,
      type: webhookType,
      dedupeKey: `${webhookType}:${d.connectionId}:${d.credentialVersion}`,
      time: e.time,
      data: {
        account: accountFromEvent(d),
        scopes: d.scopes,
        expiresAt: d.expiresAt,
        connectedAt: d.connectedAt,
        credentialVersion: d.credentialVersion,
      },
    });
    const fixed = await this.problems.resolve(tx, d.connectionId, d.credentialVersion);
    if (!fixed) return;
    const account = await this.accounts.require(d.connectionId, tx);
    await this.notices.write(tx, {
      spec: { kind: 'reconnected', account: factsOf(account) },
      teamId: d.teamId,
      connectionId: d.connectionId,
      dedupeKey: `reconnected:${d.connectionId}:${d.credentialVersion}`,
      recipients: await this.recipients.resolve(
        tx,
        d.teamId,
        account.member_id,
        'owner-and-admins',
        'reconnected',
      ),
      reconnect: false,
      emailAllowed: true,
    });
  }

  async disconnected(e: AccountDisconnectedV1, tx: EntityManager): Promise<void> {
    const d = e.data;
    const account = await this.accounts.require(d.connectionId, tx);
    const byProvider = d.by === 'provider';
    const dedupeKey = `disconnected:${d.connectionId}:${d.disconnectedAt}`;
    await this.notices.write(tx, {
      spec: { kind: 'disconnected', account: factsOf(account), by: d.by },
      teamId: d.teamId,
      connectionId: d.connectionId,
      dedupeKey,
      recipients: await this.recipients.resolve(
        tx,
        d.teamId,
        account.member_id,
        'owner-and-admins',
        'disconnected',
      ),
      reconnect: byProvider,
      // the team did it on purpose: an inbox line is enough
      emailAllowed: byProvider,
    });
    await this.fanout.publish(tx, {
      teamId: d.teamId,
      type: 'account.disconnected',
      dedupeKey,
      time: e.time,
      data: {
        account: accountFromProjection(account, d),
        by: d.by,
        disconnectedAt: d.disconnectedAt,
      },
    });
    if (byProvider) {
      await this.problems.openFailure(tx, {
        connectionId: d.connectionId,
        teamId: d.teamId,
        kind: 'disconnected',
        version: account.credential_version,
        at: new Date(d.disconnectedAt),
      });
    } else {
      await this.problems.close(tx, d.connectionId);
    }
  }

  async revoked(e: TokenRevokedV1, tx: EntityManager): Promise<void> {
    const d = e.data;
    const account = await this.accounts.find(d.connectionId, tx);
    await this.fanout.publish(tx, {
      teamId: d.teamId,
      type: 'account.revoked',
      dedupeKey: `account.revoked:${d.connectionId}:${d.revokedAt}`,
      time: e.time,
      data: {
        account: accountFromProjection(account, d),
        by: d.by,
        providerRevoked: d.providerRevoked,
        revokedAt: d.revokedAt,
      },
    });
  }

  /** A refresh that works again answers an expiry warning caused by failing refreshes; quietly. */
  async refreshed(e: TokenRefreshedV1, tx: EntityManager): Promise<void> {
    await this.problems.resolve(tx, e.data.connectionId, e.data.credentialVersion, 'expiring');
  }
}

import { Injectable } from '@nestjs/common';
import type {
  AccountConnectedV1,
  AccountDisconnectedV1,
  AccountReconnectedV1,
  TokenRefreshedV1,
  TokenRevokedV1,
} from '@switchboard/contracts';
import type { EntityManager } from 'typeorm';
import { AccountsProjection, type KnownAccount } from '../accounts/accounts.projection';
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
    const dedupeKey = `disconnected:${d.connectionId}:${d.disconnectedAt}`;
    await this.announceLoss(tx, account, { ...d, at: d.disconnectedAt, dedupeKey });
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
  }

  async revoked(e: TokenRevokedV1, tx: EntityManager): Promise<void> {
    const d = e.data;
    const account = await this.accounts.find(d.connectionId, tx);
    // the user withdrew access on the platform: the account is lost exactly as if the platform
    // had disconnected it, so its people hear about it (a revocation by the team is the
    // team's own disconnect, announced by AccountDisconnected)
    if (d.by === 'provider' && account) {
      await this.announceLoss(tx, account, {
        ...d,
        at: d.revokedAt,
        dedupeKey: `revoked:${d.connectionId}:${d.revokedAt}`,
      });
    }
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

  /**
   * The inbox line (and, when the platform ended it, the email with a Reconnect link) for an
   * account that can no longer be used; an end by the platform stays an open problem for
   * reminders until the account is reconnected.
   */
  private async announceLoss(
    tx: EntityManager,
    account: KnownAccount,
    loss: {
      connectionId: string;
      teamId: string;
      by: 'team' | 'provider';
      at: string;
      dedupeKey: string;
    },
  ): Promise<void> {
    const byProvider = loss.by === 'provider';
    await this.notices.write(tx, {
      spec: { kind: 'disconnected', account: factsOf(account), by: loss.by },
      teamId: loss.teamId,
      connectionId: loss.connectionId,
      // one credential is lost once, whether its end arrives as AccountDisconnected,
      // TokenRevoked or both
      dedupeKey: byProvider
        ? `lost:${loss.connectionId}:${account.credential_version}`
        : loss.dedupeKey,
      recipients: await this.recipients.resolve(
        tx,
        loss.teamId,
        account.member_id,
        'owner-and-admins',
        'disconnected',
      ),
      reconnect: byProvider,
      // the team did it on purpose: an inbox line is enough
      emailAllowed: byProvider,
    });
    if (byProvider) {
      await this.problems.openFailure(tx, {
        connectionId: loss.connectionId,
        teamId: loss.teamId,
        kind: 'disconnected',
        version: account.credential_version,
        at: new Date(loss.at),
      });
    } else {
      await this.problems.close(tx, loss.connectionId);
    }
  }

  /** A refresh that works again answers an expiry warning caused by failing refreshes; quietly. */
  async refreshed(e: TokenRefreshedV1, tx: EntityManager): Promise<void> {
    await this.problems.resolve(tx, e.data.connectionId, e.data.credentialVersion, 'expiring');
  }
}

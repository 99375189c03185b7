import { Injectable } from '@nestjs/common';
import type { RefreshFailedV1, TokenExpiringV1 } from '@switchboard/contracts';
import type { EntityManager } from 'typeorm';
import { AccountsProjection } from '../accounts/accounts.projection';
import { factsOf } from '../messages/account-facts';
import { NoticeWriter } from '../notices/notice-writer.service';
import { ProblemsRepository } from '../problems/problems.repository';
import { RecipientsService } from '../recipients/recipients.service';
import { accountFromProjection } from '../webhooks/webhook-payloads';
import { WebhookFanout } from '../webhooks/webhook-fanout.service';

/** `TokenExpiring` (one per ladder horizon) and `RefreshFailed`: warn, with a Reconnect link. */
@Injectable()
export class ExpiryEventsHandler {
  constructor(
    private readonly accounts: AccountsProjection,
    private readonly recipients: RecipientsService,
    private readonly notices: NoticeWriter,
    private readonly fanout: WebhookFanout,
    private readonly problems: ProblemsRepository,
  ) {}

  async tokenExpiring(e: TokenExpiringV1, tx: EntityManager): Promise<void> {
    const d = e.data;
    const account = await this.accounts.require(d.connectionId, tx);
    // reconnected since this credential generation: the warning no longer applies
    if (account.credential_version > d.credentialVersion) return;
    const dedupeKey = `token_expiring:${d.connectionId}:${d.credentialVersion}:${d.horizonSeconds}`;
    const recipients = await this.recipients.resolve(
      tx,
      d.teamId,
      account.member_id,
      'owner-and-admins',
      'token_expiring',
    );
    await this.notices.write(tx, {
      spec: {
        kind: 'token_expiring',
        account: factsOf(account),
        cause: d.cause,
        expiresAt: new Date(d.expiresAt),
      },
      teamId: d.teamId,
      connectionId: d.connectionId,
      dedupeKey,
      recipients,
      reconnect: true,
      emailAllowed: true,
    });
    await this.fanout.publish(tx, {
      teamId: d.teamId,
      type: 'account.expiring',
      dedupeKey,
      time: e.time,
      data: {
        account: accountFromProjection(account, d),
        expiresAt: d.expiresAt,
        horizonSeconds: d.horizonSeconds,
        cause: d.cause,
        credentialVersion: d.credentialVersion,
      },
    });
    await this.problems.openExpiring(tx, {
      connectionId: d.connectionId,
      teamId: d.teamId,
      version: d.credentialVersion,
      at: new Date(e.time),
    });
  }

  async refreshFailed(e: RefreshFailedV1, tx: EntityManager): Promise<void> {
    const d = e.data;
    const account = await this.accounts.require(d.connectionId, tx);
    if (account.credential_version > d.credentialVersion) return;
    const dedupeKey = `refresh_failed:${d.connectionId}:${d.credentialVersion}`;
    const recipients = await this.recipients.resolve(
      tx,
      d.teamId,
      account.member_id,
      'owner-and-admins',
      'refresh_failed',
    );
    await this.notices.write(tx, {
      spec: {
        kind: 'refresh_failed',
        account: factsOf(account),
        reason: d.reason,
        missingScopes: d.missingScopes,
      },
      teamId: d.teamId,
      connectionId: d.connectionId,
      dedupeKey,
      recipients,
      reconnect: true,
      emailAllowed: true,
    });
    await this.fanout.publish(tx, {
      teamId: d.teamId,
      type: 'account.refresh_failed',
      dedupeKey,
      time: e.time,
      data: {
        account: accountFromProjection(account, d),
        reason: d.reason,
        detail: d.detail,
        providerError: d.providerError,
        missingScopes: d.missingScopes,
        failedAt: d.failedAt,
        credentialVersion: d.credentialVersion,
      },
    });
    await this.problems.openFailure(tx, {
      connectionId: d.connectionId,
      teamId: d.teamId,
      kind: 'refresh_failed',
      version: d.credentialVersion,
      at: new Date(d.failedAt),
    });
  }
}

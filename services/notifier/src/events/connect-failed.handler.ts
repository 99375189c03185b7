import { Injectable } from '@nestjs/common';
import type { ConnectFailedV1 } from '@switchboard/contracts';
import type { EntityManager } from 'typeorm';
import { AccountsProjection } from '../accounts/accounts.projection';
import { factsOf } from '../messages/account-facts';
import { NoticeWriter } from '../notices/notice-writer.service';
import { RecipientsService } from '../recipients/recipients.service';
import { WebhookFanout } from '../webhooks/webhook-fanout.service';

/**
 * A failed reconnect leaves an account broken: owner and admins hear about it, with the link to
 * try again. A failed first connect only tells the member who tried (in the inbox; they were
 * there when it happened), and the product by webhook.
 */
@Injectable()
export class ConnectFailedHandler {
  constructor(
    private readonly accounts: AccountsProjection,
    private readonly recipients: RecipientsService,
    private readonly notices: NoticeWriter,
    private readonly fanout: WebhookFanout,
  ) {}

  async handle(e: ConnectFailedV1, tx: EntityManager): Promise<void> {
    const d = e.data;
    const account = d.connectionId ? await this.accounts.find(d.connectionId, tx) : null;
    const dedupeKey = `connect_failed:${d.flowId}`;
    const recipients = account
      ? await this.recipients.resolve(
          tx,
          d.teamId,
          account.member_id,
          'owner-and-admins',
          'connect_failed',
        )
      : await this.recipients.resolve(tx, d.teamId, d.memberId, 'owner-only', 'connect_failed');
    await this.notices.write(tx, {
      spec: {
        kind: 'connect_failed',
        account: account ? factsOf(account) : null,
        type: d.type,
        code: d.code,
        missingScopes: d.missingScopes,
      },
      teamId: d.teamId,
      connectionId: account ? d.connectionId : null,
      dedupeKey,
      recipients,
      reconnect: account !== null,
      emailAllowed: account !== null,
    });
    await this.fanout.publish(tx, {
      teamId: d.teamId,
      type: 'connect.failed',
      dedupeKey,
      time: e.time,
      data: {
        flowId: d.flowId,
        type: d.type,
        memberId: d.memberId,
        accountId: d.connectionId,
        code: d.code,
        message: d.message,
        missingScopes: d.missingScopes,
      },
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { GatewayRecipientsGet, type RefreshFailedV1 } from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AccountsProjection } from '../accounts/accounts.projection';
import { NOTIFIER_ENV, type NotifierEnv } from '../config';
import { refreshFailedMessage } from '../messages/refresh-failed.message';

/**
 * Turns an event into one in-app notice and one queued email per recipient. The dedupe key
 * (event kind, connection, credential generation, recipient) makes a redelivered or replayed
 * event a no-op.
 */
@Injectable()
export class NotifyService {
  constructor(
    private readonly accounts: AccountsProjection,
    private readonly rpc: RpcClient,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
  ) {}

  async refreshFailed(event: RefreshFailedV1, tx: EntityManager): Promise<void> {
    const d = event.data;
    const account = await this.accounts.find(d.connectionId, tx);
    // the connect event is still on its way: fail so the bus redelivers this one later
    if (!account) throw new Error(`account ${d.connectionId} not known yet`);
    const { recipients } = await this.rpc.call(GatewayRecipientsGet, {
      teamId: d.teamId,
      memberId: account.member_id,
    });
    const reconnectUrl = `${this.env.PUBLIC_URL.replace(/\/$/, '')}/`;
    const message = refreshFailedMessage(d, account, reconnectUrl);
    const now = new Date();
    for (const r of recipients) {
      const key = `refresh_failed:${d.connectionId}:${d.credentialVersion}:${r.memberId}`;
      await tx.query(
        `INSERT INTO notifier.notification (id, team_id, member_id, connection_id, kind, title, body, dedupe_key, created_at)
         VALUES ($1, $2, $3, $4, 'refresh_failed', $5, $6, $7, $8) ON CONFLICT (dedupe_key) DO NOTHING`,
        [randomUUID(), d.teamId, r.memberId, d.connectionId, message.title, message.body, key, now],
      );
      await tx.query(
        `INSERT INTO notifier.email_delivery (id, dedupe_key, team_id, member_id, connection_id, recipient, locale,
           subject, text_body, html_body, status, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $11) ON CONFLICT (dedupe_key) DO NOTHING`,
        [
          randomUUID(),
          key,
          d.teamId,
          r.memberId,
          d.connectionId,
          r.email,
          r.locale,
          message.subject,
          message.text,
          message.html,
          now,
        ],
      );
    }
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NOTIFIER_ENV, type NotifierEnv } from '../config';
import { NoticeWriter } from '../notices/notice-writer.service';
import { RecipientsService } from '../recipients/recipients.service';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { updateReturning } from '../db/update-returning';

/**
 * Tracks since when a subscription has only failed. Any success resets the clock; a subscription
 * failing for longer than WEBHOOK_DISABLE_AFTER_SECONDS is disabled, its pending deliveries are
 * stopped, and the team's admins get a notice and an email.
 */
@Injectable()
export class WebhookHealthService {
  private readonly logger = new Logger('webhooks');

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly recipients: RecipientsService,
    private readonly notices: NoticeWriter,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
  ) {}

  async afterAttempt(
    tx: EntityManager,
    subscriptionId: string,
    ok: boolean,
    at: Date,
  ): Promise<void> {
    if (ok) {
      await tx.query(
        `UPDATE notifier.webhook_subscription SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`,
        [subscriptionId],
      );
      return;
    }
    const rows = await updateReturning<{ failing_since: Date }>(
      tx,
      `UPDATE notifier.webhook_subscription SET failing_since = COALESCE(failing_since, $2)
       WHERE id = $1 RETURNING failing_since`,
      [subscriptionId, at],
    );
    const since = rows[0]?.failing_since;
    if (
      !since ||
      at.getTime() - new Date(since).getTime() < this.env.WEBHOOK_DISABLE_AFTER_SECONDS * 1000
    )
      return;
    const disabled = await updateReturning<{ team_id: string; url: string; disabled_at: Date }>(
      tx,
      `UPDATE notifier.webhook_subscription SET status = 'disabled', disabled_at = $2, disabled_reason = $3
       WHERE id = $1 AND status = 'active' AND deleted_at IS NULL RETURNING team_id, url, disabled_at`,
      [subscriptionId, at, `every delivery failed since ${new Date(since).toISOString()}`],
    );
    const sub = disabled[0];
    if (!sub) return;
    await this.deliveries.cancelPending(tx, subscriptionId, 'subscription disabled');
    this.logger.warn({ msg: 'webhook subscription disabled', subscriptionId, teamId: sub.team_id });
    const admins = await this.recipients.resolve(
      tx,
      sub.team_id,
      null,
      'admins',
      'webhook_disabled',
    );
    await this.notices.write(tx, {
      spec: { kind: 'webhook_disabled', url: sub.url, failingSince: new Date(since) },
      teamId: sub.team_id,
      connectionId: null,
      dedupeKey: `webhook_disabled:${subscriptionId}:${new Date(sub.disabled_at).toISOString()}`,
      recipients: admins,
      reconnect: false,
      emailAllowed: true,
    });
  }
}

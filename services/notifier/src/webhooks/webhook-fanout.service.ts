import { Inject, Injectable } from '@nestjs/common';
import type { WebhookEventType } from '@switchboard/contracts';
import type { EntityManager } from 'typeorm';
import { NOTIFIER_ENV, type NotifierEnv } from '../config';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { webhookEventId } from './webhook-event-id';
import { WebhookSubscriptionsRepository } from './webhook-subscriptions.repository';

/**
 * Queues one delivery per matching subscription, in the event's transaction, under the fact's
 * dedupe key: the body `{id, type, time, teamId, data}` of API.md, byte for byte what is signed.
 */
@Injectable()
export class WebhookFanout {
  constructor(
    private readonly subscriptions: WebhookSubscriptionsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
  ) {}

  async publish(
    tx: EntityManager,
    e: {
      teamId: string;
      type: WebhookEventType;
      dedupeKey: string;
      time: string;
      data: Record<string, unknown>;
    },
  ): Promise<void> {
    const subscriptionIds = await this.subscriptions.matching(tx, e.teamId, e.type);
    if (subscriptionIds.length === 0) return;
    const eventId = webhookEventId(e.dedupeKey);
    const body = JSON.stringify({
      id: eventId,
      type: e.type,
      time: e.time,
      teamId: e.teamId,
      data: e.data,
    });
    await this.deliveries.enqueue(tx, {
      subscriptionIds,
      teamId: e.teamId,
      eventId,
      type: e.type,
      dedupeKey: e.dedupeKey,
      body,
      giveUpAt: new Date(Date.now() + this.env.WEBHOOK_MAX_AGE_SECONDS * 1000),
    });
  }
}

import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { CodedError, ErrorCodes, type WebhookDelivery } from '@switchboard/contracts';
import { metricsRegistry } from '@switchboard/platform';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { NOTIFIER_ENV, type NotifierEnv } from '../config';
import { WebhookDeliveriesRepository, type DeliveryRow } from './webhook-deliveries.repository';
import { WebhookHealthService } from './webhook-health.service';
import { WebhookSender } from './webhook-sender';
import { WebhookSubscriptionsRepository } from './webhook-subscriptions.repository';

const attemptsTotal = new Counter({
  name: 'notifier_webhook_attempts_total',
  help: 'Webhook delivery attempts by outcome',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

const BATCH = 20;

/**
 * Sends due webhook deliveries under a lease, retrying failures with exponential backoff (with
 * jitter) until WEBHOOK_MAX_AGE_SECONDS after the event, then marking them failed.
 */
@Injectable()
export class WebhookDispatcherService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('webhooks');
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly subscriptions: WebhookSubscriptionsRepository,
    private readonly sender: WebhookSender,
    private readonly health: WebhookHealthService,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  async sendDue(): Promise<number> {
    const rows = await this.deliveries.claimDue(BATCH);
    await Promise.all(rows.map((row) => this.attempt(row, false)));
    return rows.length;
  }

  /** A manual redelivery: one attempt now, whatever the delivery's state; logged as manual. */
  async redeliver(subscriptionId: string, deliveryId: string): Promise<WebhookDelivery> {
    await this.deliveries.get(subscriptionId, deliveryId);
    const row = await this.deliveries.claimOne(deliveryId);
    if (!row)
      throw new CodedError(ErrorCodes.conflict, 'this delivery is being attempted right now');
    await this.attempt(row, true);
    return this.deliveries.get(subscriptionId, deliveryId);
  }

  private async attempt(row: DeliveryRow, manual: boolean): Promise<void> {
    let target: { url: string; secret: string } | null = null;
    try {
      const sub = await this.subscriptions.get(null, row.subscription_id);
      if (sub.status === 'active' || manual) {
        target = { url: sub.url, secret: this.subscriptions.box.open(sub.secret_sealed) };
      }
    } catch {
      target = null;
    }
    const result = target
      ? await this.sender.send(target.url, target.secret, row.body, {
          eventId: row.event_id,
          eventType: row.event_type,
          deliveryId: row.id,
        })
      : {
          ok: false,
          statusCode: null,
          error: 'subscription disabled or deleted',
          durationMs: 0,
          at: new Date(),
        };
    const retryAt = target && !result.ok && !manual ? this.retryAt(row, result.at) : null;
    await this.dataSource.transaction(async (tx) => {
      await this.deliveries.record(tx, row, result, retryAt, manual);
      if (target) await this.health.afterAttempt(tx, row.subscription_id, result.ok, result.at);
    });
    attemptsTotal.inc({ outcome: result.ok ? 'delivered' : retryAt ? 'retry' : 'failed' });
    if (!result.ok) {
      this.logger.warn({
        msg: 'webhook delivery failed',
        deliveryId: row.id,
        subscriptionId: row.subscription_id,
        attempts: row.attempts + 1,
        statusCode: result.statusCode,
        error: result.error,
        retryAt: retryAt?.toISOString() ?? null,
      });
    }
  }

  /** Exponential backoff with ±20 % jitter; null once the next try would fall past the give-up time. */
  private retryAt(row: DeliveryRow, now: Date): Date | null {
    const base = this.env.WEBHOOK_RETRY_BASE_MS * 2 ** Math.min(row.attempts, 30);
    const delay = Math.min(this.env.WEBHOOK_RETRY_MAX_MS, base) * (0.8 + Math.random() * 0.4);
    const at = new Date(now.getTime() + delay);
    return at.getTime() <= new Date(row.give_up_at).getTime() ? at : null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.sendDue();
      } catch (error) {
        this.logger.warn({ msg: 'webhook dispatch failed', error: String(error).slice(0, 200) });
      }
      if (sent < BATCH) await new Promise((r) => setTimeout(r, this.env.WEBHOOK_POLL_MS));
    }
  }
}

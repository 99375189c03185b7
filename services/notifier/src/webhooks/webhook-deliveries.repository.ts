import { Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  type WebhookDelivery,
  type WebhookEventType,
} from '@switchboard/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor } from './webhook-subscriptions.repository';
import { updateReturning } from '../db/update-returning';

export interface DeliveryRow {
  id: string;
  subscription_id: string;
  team_id: string;
  event_id: string;
  event_type: WebhookEventType;
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date | null;
  give_up_at: Date;
  created_at: Date;
  delivered_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
}

interface AttemptRow {
  delivery_id: string;
  at: Date;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  manual: boolean;
}

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  at: Date;
}

const COLUMNS = `id, subscription_id, team_id, event_id, event_type, body, status, attempts, next_attempt_at,
  give_up_at, created_at, delivered_at, last_status_code, last_error`;
const LEASE = `interval '2 minutes'`;

/** Webhook deliveries (one per subscription per fact) and their attempt log. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async enqueue(
    tx: EntityManager,
    d: {
      subscriptionIds: string[];
      teamId: string;
      eventId: string;
      type: WebhookEventType;
      dedupeKey: string;
      body: string;
      giveUpAt: Date;
    },
  ): Promise<void> {
    for (const subscriptionId of d.subscriptionIds) {
      await tx.query(
        `INSERT INTO notifier.webhook_delivery (id, subscription_id, team_id, event_id, event_type, dedupe_key, body,
           status, attempts, next_attempt_at, give_up_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, now(), $8, now())
         ON CONFLICT (subscription_id, dedupe_key) DO NOTHING`,
        [
          randomUUID(),
          subscriptionId,
          d.teamId,
          d.eventId,
          d.type,
          d.dedupeKey,
          d.body,
          d.giveUpAt,
        ],
      );
    }
  }

  /** Takes due deliveries under a lease, so replicas (and a manual redelivery) never send one twice at once. */
  async claimDue(limit: number): Promise<DeliveryRow[]> {
    return updateReturning<DeliveryRow>(
      this.dataSource,
      `UPDATE notifier.webhook_delivery SET lease_until = now() + ${LEASE}
       WHERE id IN (
         SELECT id FROM notifier.webhook_delivery
         WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [limit],
    );
  }

  async claimOne(id: string): Promise<DeliveryRow | null> {
    const rows = await updateReturning<DeliveryRow>(
      this.dataSource,
      `UPDATE notifier.webhook_delivery SET lease_until = now() + ${LEASE}
       WHERE id = $1 AND (lease_until IS NULL OR lease_until < now()) RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Logs the attempt and moves the delivery on: delivered; or retried at `retryAt`; or failed when
   * no retry is left (null). A manual attempt that fails leaves a pending delivery's schedule alone.
   */
  async record(
    tx: EntityManager,
    row: DeliveryRow,
    result: AttemptResult,
    retryAt: Date | null,
    manual: boolean,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO notifier.webhook_attempt (delivery_id, at, status_code, error, duration_ms, manual)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.id, result.at, result.statusCode, result.error, result.durationMs, manual],
    );
    if (result.ok) {
      await tx.query(
        `UPDATE notifier.webhook_delivery SET status = 'delivered', attempts = attempts + 1, delivered_at = $2,
           next_attempt_at = NULL, lease_until = NULL, last_status_code = $3, last_error = NULL WHERE id = $1`,
        [row.id, result.at, result.statusCode],
      );
      return;
    }
    const keepSchedule = manual && row.status === 'pending';
    await tx.query(
      `UPDATE notifier.webhook_delivery SET attempts = attempts + 1, lease_until = NULL, last_status_code = $2,
         last_error = $3,
         status = CASE WHEN $4 THEN status WHEN $5::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
         next_attempt_at = CASE WHEN $4 THEN next_attempt_at ELSE $5::timestamptz END
       WHERE id = $1`,
      [row.id, result.statusCode, result.error, keepSchedule, retryAt],
    );
  }

  async cancelPending(tx: EntityManager, subscriptionId: string, reason: string): Promise<void> {
    await tx.query(
      `UPDATE notifier.webhook_delivery SET status = 'failed', next_attempt_at = NULL, last_error = $2
       WHERE subscription_id = $1 AND status = 'pending'`,
      [subscriptionId, reason],
    );
  }

  async list(
    subscriptionId: string,
    limit: number,
    cursor: string | null,
  ): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifier.webhook_delivery
       WHERE subscription_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
       ORDER BY created_at, id LIMIT $4`,
      [subscriptionId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const attempts = await this.attempts(page.map((r) => r.id));
    const last = page[page.length - 1];
    return {
      items: page.map((r) => view(r, attempts.get(r.id) ?? [], false)),
      nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  async get(subscriptionId: string, id: string): Promise<WebhookDelivery> {
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifier.webhook_delivery WHERE id = $1 AND subscription_id = $2`,
      [id, subscriptionId],
    );
    if (!rows[0]) throw new CodedError(ErrorCodes.notFound, 'not found');
    const attempts = await this.attempts([id]);
    return view(rows[0], attempts.get(id) ?? [], true);
  }

  private async attempts(ids: string[]): Promise<Map<string, AttemptRow[]>> {
    const map = new Map<string, AttemptRow[]>();
    if (ids.length === 0) return map;
    const rows: AttemptRow[] = await this.dataSource.query(
      `SELECT delivery_id, at, status_code, error, duration_ms, manual FROM (
         SELECT *, row_number() OVER (PARTITION BY delivery_id ORDER BY id DESC) AS n
         FROM notifier.webhook_attempt WHERE delivery_id = ANY($1::uuid[])) a
       WHERE n <= 50 ORDER BY id`,
      [ids],
    );
    for (const r of rows) map.set(r.delivery_id, [...(map.get(r.delivery_id) ?? []), r]);
    return map;
  }
}

function view(r: DeliveryRow, attempts: AttemptRow[], withBody: boolean): WebhookDelivery {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    eventId: r.event_id,
    eventType: r.event_type,
    status: r.status,
    attempts: r.attempts,
    createdAt: new Date(r.created_at).toISOString(),
    nextAttemptAt: r.next_attempt_at ? new Date(r.next_attempt_at).toISOString() : null,
    deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    attemptLog: attempts.map((a) => ({
      at: new Date(a.at).toISOString(),
      statusCode: a.status_code,
      error: a.error,
      durationMs: a.duration_ms,
      manual: a.manual,
    })),
    body: withBody ? r.body : null,
  };
}

import { Inject, Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  type WebhookEventType,
  type WebhookSubscription,
} from '@switchboard/contracts';
import { checkOutboundUrl } from '@switchboard/platform';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { NOTIFIER_ENV, type NotifierEnv } from '../config';
import { SecretBox } from './secret-box';
import { updateReturning } from '../db/update-returning';

export interface SubscriptionRow {
  id: string;
  team_id: string;
  url: string;
  events: WebhookEventType[];
  secret_sealed: string;
  status: 'active' | 'disabled';
  failing_since: Date | null;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
}

const COLUMNS = `id, team_id, url, events, secret_sealed, status, failing_since, disabled_at, disabled_reason, created_at`;

/** Per-team webhook subscriptions; secrets sealed at rest, URLs checked against SSRF on the way in. */
@Injectable()
export class WebhookSubscriptionsRepository {
  readonly box: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
  ) {
    this.box = new SecretBox(env.PORTAL_SIGNING_SECRET);
  }

  async create(req: {
    teamId: string;
    url: string;
    events: WebhookEventType[];
    idempotencyKey: string | null;
  }): Promise<{ subscription: WebhookSubscription; secret: string }> {
    if (req.idempotencyKey) {
      const earlier = await this.byIdempotencyKey(req.teamId, req.idempotencyKey);
      if (earlier) return earlier;
    }
    const url = await checkOutboundUrl(req.url, { allowLoopback: this.env.DEV_MODE }).catch(
      (error: Error) => {
        throw new CodedError('webhook-url-not-allowed', `url: ${error.message}`);
      },
    );
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `INSERT INTO notifier.webhook_subscription (id, team_id, url, events, secret_sealed, status, idempotency_key, created_at)
       VALUES ($1, $2, $3, $4, $5, 'active', $6, now())
       ON CONFLICT (team_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        id,
        req.teamId,
        url.toString(),
        [...new Set(req.events)],
        this.box.seal(secret),
        req.idempotencyKey,
      ],
    );
    if (rows[0]) return { subscription: view(rows[0]), secret };
    // a concurrent retry with the same key won the race: answer as it did
    const earlier = await this.byIdempotencyKey(req.teamId, req.idempotencyKey ?? '');
    if (!earlier) throw new CodedError(ErrorCodes.conflict, 'idempotency key in use');
    return earlier;
  }

  async list(
    teamId: string,
    limit: number,
    cursor: string | null,
  ): Promise<{ items: WebhookSubscription[]; nextCursor: string | null }> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifier.webhook_subscription
       WHERE team_id = $1 AND deleted_at IS NULL
         AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
       ORDER BY created_at, id LIMIT $4`,
      [teamId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(view),
      nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  /** A live subscription of the team (any team when `teamId` is null); otherwise not found. */
  async get(
    teamId: string | null,
    id: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<SubscriptionRow> {
    const rows: SubscriptionRow[] = await db.query(
      `SELECT ${COLUMNS} FROM notifier.webhook_subscription
       WHERE id = $1 AND deleted_at IS NULL AND ($2::uuid IS NULL OR team_id = $2)`,
      [id, teamId],
    );
    if (!rows[0]) throw new CodedError(ErrorCodes.notFound, 'not found');
    return rows[0];
  }

  async delete(teamId: string | null, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const row = await this.get(teamId, id, tx);
      await tx.query(`UPDATE notifier.webhook_subscription SET deleted_at = now() WHERE id = $1`, [
        row.id,
      ]);
      await tx.query(
        `UPDATE notifier.webhook_delivery SET status = 'failed', next_attempt_at = NULL, last_error = 'subscription deleted'
         WHERE subscription_id = $1 AND status = 'pending'`,
        [row.id],
      );
    });
  }

  async enable(teamId: string | null, id: string): Promise<WebhookSubscription> {
    const row = await this.get(teamId, id);
    const rows = await updateReturning<SubscriptionRow>(
      this.dataSource,
      `UPDATE notifier.webhook_subscription SET status = 'active', failing_since = NULL, disabled_at = NULL,
         disabled_reason = NULL WHERE id = $1 RETURNING ${COLUMNS}`,
      [row.id],
    );
    return view(rows[0]);
  }

  /** Active subscriptions of a team that want this event type. */
  async matching(tx: EntityManager, teamId: string, type: WebhookEventType): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM notifier.webhook_subscription
       WHERE team_id = $1 AND status = 'active' AND deleted_at IS NULL AND $2 = ANY(events)`,
      [teamId, type],
    );
    return rows.map((r) => r.id);
  }

  private async byIdempotencyKey(
    teamId: string,
    key: string,
  ): Promise<{ subscription: WebhookSubscription; secret: string } | null> {
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifier.webhook_subscription WHERE team_id = $1 AND idempotency_key = $2`,
      [teamId, key],
    );
    const row = rows[0];
    return row ? { subscription: view(row), secret: this.box.open(row.secret_sealed) } : null;
  }
}

export function view(r: SubscriptionRow): WebhookSubscription {
  return {
    id: r.id,
    teamId: r.team_id,
    url: r.url,
    events: r.events,
    status: r.status,
    failingSince: iso(r.failing_since),
    disabledAt: iso(r.disabled_at),
    disabledReason: r.disabled_reason,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

function iso(d: Date | null): string | null {
  return d ? new Date(d).toISOString() : null;
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([new Date(at).toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    if (Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad');
    return { at, id };
  } catch {
    throw new CodedError(ErrorCodes.validation, 'cursor: not a cursor this API returned');
  }
}

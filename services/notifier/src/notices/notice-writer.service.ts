import { Injectable } from '@nestjs/common';
import { currentTraceHeaders } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ReconnectLinksService } from '../links/reconnect-links.service';
import type { MessageSpec } from '../messages/message-spec';
import { MessageRenderer } from '../messages/renderer';
import type { ResolvedRecipient } from '../recipients/recipients.service';

export interface NoticeBatch {
  spec: MessageSpec;
  teamId: string;
  connectionId: string | null;
  /** Identifies the fact (kind, connection, generation, horizon…); the member is appended. */
  dedupeKey: string;
  recipients: ResolvedRecipient[];
  /** Whether the message carries a one-click Reconnect link for this connection. */
  reconnect: boolean;
  /** Some facts are worth a notice but never an email (a first connect attempt that failed). */
  emailAllowed: boolean;
}

const INSERT_NOTICE = `INSERT INTO notifier.notification (id, team_id, member_id, connection_id, kind, title,
    body, severity, locale, action_url, dedupe_key, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (dedupe_key) DO NOTHING`;

const INSERT_EMAIL = `INSERT INTO notifier.email_delivery (id, dedupe_key, team_id, member_id, connection_id, recipient,
    locale, subject, text_body, html_body, status, next_attempt_at, created_at, traceparent)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $11, $12)
  ON CONFLICT (dedupe_key) DO NOTHING`;

/** Both rows in one round trip (a data-modifying CTE runs whatever the outer query does). */
const INSERT_BOTH = `WITH notice AS (${INSERT_NOTICE}) ${INSERT_EMAIL.replace(
  /\$(\d+)/g,
  (_, n: string) => `$${Number(n) + 12}`,
)}`;

/**
 * Writes one in-app notice and one queued email per recipient, each under a unique dedupe key,
 * inside the caller's transaction: a redelivered, replayed or re-published event changes nothing.
 */
@Injectable()
export class NoticeWriter {
  constructor(
    private readonly renderer: MessageRenderer,
    private readonly links: ReconnectLinksService,
  ) {}

  async write(tx: EntityManager, batch: NoticeBatch): Promise<void> {
    const now = new Date();
    for (const r of batch.recipients) {
      const link =
        batch.reconnect && batch.connectionId
          ? this.links.link(batch.connectionId, batch.teamId, r.memberId, r.locale, now)
          : null;
      const m = this.renderer.render(batch.spec, { name: r.name, locale: r.locale }, link, now);
      const key = `${batch.dedupeKey}:${r.memberId}`;
      const notice = r.inApp
        ? [
            randomUUID(),
            batch.teamId,
            r.memberId,
            batch.connectionId,
            batch.spec.kind,
            m.title,
            m.body,
            m.severity,
            m.locale,
            link?.url ?? null,
            key,
            now,
          ]
        : null;
      const email =
        r.email && batch.emailAllowed
          ? [
              randomUUID(),
              key,
              batch.teamId,
              r.memberId,
              batch.connectionId,
              r.address,
              m.locale,
              m.subject,
              m.text,
              m.html,
              now,
              // the email is sent later, from a queue: it keeps the event's trace to join it then
              currentTraceHeaders().traceparent ?? null,
            ]
          : null;
      if (notice && email) {
        await tx.query(INSERT_BOTH, [...notice, ...email]);
      } else if (notice) {
        await tx.query(INSERT_NOTICE, notice);
      } else if (email) {
        await tx.query(INSERT_EMAIL, email);
      }
    }
  }
}

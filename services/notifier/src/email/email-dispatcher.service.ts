import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { contextFromHeaders, inSpan, metricsRegistry, SpanKind } from '@switchboard/platform';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { NOTIFIER_ENV, type NotifierEnv } from '../config';
import { Mailer } from './mailer';
import { updateReturning } from '../db/update-returning';

interface PendingEmail {
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
  created_at: Date;
  traceparent: string | null;
}

const emailsSent = new Counter({
  name: 'notifier_emails_total',
  help: 'Email delivery attempts by outcome',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

/**
 * Sends queued emails. Due rows are taken under a short lease (SKIP LOCKED, so replicas share the
 * queue), sent over a small SMTP connection pool, then marked sent. An SMTP failure schedules a
 * retry with exponential backoff; an outage of the mail server loses nothing, and a mail is given
 * up only after EMAIL_GIVE_UP_SECONDS.
 */
@Injectable()
export class EmailDispatcherService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('email');
  private readonly mailer: Mailer;
  private readonly batch: number;
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
  ) {
    this.mailer = new Mailer(env.SMTP_URL, env.MAIL_FROM, env.EMAIL_CONCURRENCY);
    this.batch = env.EMAIL_CONCURRENCY * 20;
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
    this.mailer.close();
  }

  async sendDue(): Promise<number> {
    const rows = await updateReturning<PendingEmail>(
      this.dataSource,
      `UPDATE notifier.email_delivery SET lease_until = now() + interval '2 minutes'
       WHERE id IN (
         SELECT id FROM notifier.email_delivery
         WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, recipient, subject, text_body, html_body, attempts, created_at, traceparent`,
      [this.batch],
    );
    const sent: string[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < rows.length) {
        const row = rows[next++];
        if (await this.sendOne(row)) sent.push(row.id);
      }
    };
    await Promise.all(Array.from({ length: this.env.EMAIL_CONCURRENCY }, worker));
    if (sent.length > 0) {
      await this.dataSource.query(
        `UPDATE notifier.email_delivery SET status = 'sent', sent_at = now(), attempts = attempts + 1,
           lease_until = NULL, last_error = NULL WHERE id = ANY($1::uuid[])`,
        [sent],
      );
      emailsSent.inc({ outcome: 'sent' }, sent.length);
    }
    return rows.length;
  }

  private async sendOne(row: PendingEmail): Promise<boolean> {
    try {
      // a span in the trace of the event that queued the email (never the address or the text)
      await inSpan(
        'email send',
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'switchboard.email.delivery_id': row.id,
            'switchboard.email.attempt': row.attempts + 1,
          },
          parent: row.traceparent
            ? contextFromHeaders({ traceparent: row.traceparent })
            : undefined,
        },
        () =>
          this.mailer.send({
            id: row.id,
            to: row.recipient,
            subject: row.subject,
            text: row.text_body,
            html: row.html_body,
          }),
      );
      return true;
    } catch (error) {
      const attempts = row.attempts + 1;
      const delayMs = Math.min(this.env.EMAIL_RETRY_MAX_MS, 1000 * 2 ** Math.min(attempts, 20));
      const giveUp =
        Date.now() + delayMs >
        new Date(row.created_at).getTime() + this.env.EMAIL_GIVE_UP_SECONDS * 1000;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      await this.dataSource
        .query(
          `UPDATE notifier.email_delivery SET attempts = $2, status = $3, last_error = $4, lease_until = NULL,
             next_attempt_at = now() + make_interval(secs => $5) WHERE id = $1`,
          [row.id, attempts, giveUp ? 'failed' : 'pending', message, delayMs / 1000],
        )
        .catch(() => undefined); // the lease lapses and the row is retried anyway
      emailsSent.inc({ outcome: giveUp ? 'failed' : 'retry' });
      this.logger.warn({
        msg: giveUp ? 'email given up' : 'email not sent; will retry',
        deliveryId: row.id,
        attempts,
        retryInMs: giveUp ? null : delayMs,
        error: message.slice(0, 200),
      });
      return false;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.sendDue();
      } catch (error) {
        this.logger.warn({ msg: 'email dispatch failed', error: String(error).slice(0, 200) });
      }
      if (claimed < this.batch) await new Promise((r) => setTimeout(r, this.env.EMAIL_POLL_MS));
    }
  }
}

import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { metricsRegistry } from '@switchboard/platform';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { NOTIFIER_ENV, type NotifierEnv } from '../config';
import { Mailer } from './mailer';

interface PendingEmail {
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
}

const emailsSent = new Counter({
  name: 'notifier_emails_total',
  help: 'Email delivery attempts by outcome',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

const MAX_ATTEMPTS = 20;

/**
 * Sends queued emails. A row is claimed with SKIP LOCKED, sent, then marked; an SMTP failure
 * schedules a retry with backoff, so an outage of the mail server loses nothing.
 */
@Injectable()
export class EmailDispatcherService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('email');
  private readonly mailer: Mailer;
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
  ) {
    this.mailer = new Mailer(env.SMTP_URL, env.MAIL_FROM);
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
    return this.dataSource.transaction(async (tx) => {
      const rows: PendingEmail[] = await tx.query(
        `SELECT id, recipient, subject, text_body, html_body, attempts FROM notifier.email_delivery
         WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT 20 FOR UPDATE SKIP LOCKED`,
      );
      for (const row of rows) {
        try {
          await this.mailer.send({
            id: row.id,
            to: row.recipient,
            subject: row.subject,
            text: row.text_body,
            html: row.html_body,
          });
          await tx.query(
            `UPDATE notifier.email_delivery SET status = 'sent', sent_at = now(), attempts = attempts + 1 WHERE id = $1`,
            [row.id],
          );
          emailsSent.inc({ outcome: 'sent' });
        } catch (error) {
          const attempts = row.attempts + 1;
          const delaySeconds = Math.min(3600, 2 ** Math.min(attempts, 12));
          const status = attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
          await tx.query(
            `UPDATE notifier.email_delivery SET attempts = $2, status = $3, last_error = $4,
               next_attempt_at = now() + make_interval(secs => $5) WHERE id = $1`,
            [row.id, attempts, status, String(error).slice(0, 500), delaySeconds],
          );
          emailsSent.inc({ outcome: status === 'failed' ? 'failed' : 'retry' });
          this.logger.warn({
            msg: 'email not sent; will retry',
            deliveryId: row.id,
            attempts,
            error: String(error).slice(0, 200),
          });
        }
      }
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.sendDue();
      } catch (error) {
        this.logger.warn({ msg: 'email dispatch failed', error: String(error).slice(0, 200) });
      }
      if (sent === 0) await new Promise((r) => setTimeout(r, this.env.EMAIL_POLL_MS));
    }
  }
}

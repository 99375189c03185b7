import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountsProjection } from '../accounts/accounts.projection';
import { NOTIFIER_ENV, type NotifierEnv } from '../config';
import { factsOf } from '../messages/account-facts';
import { NoticeWriter } from '../notices/notice-writer.service';
import { RecipientsService } from '../recipients/recipients.service';
import { ProblemsRepository } from './problems.repository';

const BATCH = 20;

/**
 * The bounded reminder series for failures nobody has fixed yet (REMINDER_SCHEDULE_SECONDS after
 * the failure). Problems are claimed with SKIP LOCKED, so replicas share the work; each reminder
 * has its own dedupe key, so a crash between sending and advancing sends nothing twice.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('reminders');
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly problems: ProblemsRepository,
    private readonly accounts: AccountsProjection,
    private readonly recipients: RecipientsService,
    private readonly notices: NoticeWriter,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  async sendDue(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const due = await this.problems.claimDue(tx, BATCH);
      for (const p of due) {
        const step = p.reminder_step + 1;
        const account = await this.accounts.find(p.connection_id, tx);
        if (account) {
          await this.notices.write(tx, {
            spec: { kind: 'reminder', account: factsOf(account), since: new Date(p.opened_at) },
            teamId: p.team_id,
            connectionId: p.connection_id,
            dedupeKey: `reminder:${p.connection_id}:${p.credential_version}:${step}`,
            recipients: await this.recipients.resolve(
              tx,
              p.team_id,
              account.member_id,
              'owner-and-admins',
              'reminder',
            ),
            reconnect: true,
            emailAllowed: true,
          });
        }
        await this.problems.advance(tx, p, step);
      }
      return due.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.sendDue();
      } catch (error) {
        this.logger.warn({
          msg: 'reminders failed; will retry',
          error: String(error).slice(0, 200),
        });
      }
      if (sent >= BATCH) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.env.REMINDER_POLL_MS);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}

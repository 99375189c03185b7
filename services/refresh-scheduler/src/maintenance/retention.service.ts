import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SCHEDULER_ENV, type SchedulerEnv } from '../config';
import { TimelineRepository } from '../timeline/timeline.repository';

const EVERY_MS = 3600_000;

/**
 * Keeps the timeline to SCHEDULER_HISTORY_DAYS, and forgets expiry warnings whose credential
 * lapsed that long ago (they only matter while their generation can still fire).
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('retention');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly timeline: TimelineRepository,
    @Inject(SCHEDULER_ENV) private readonly env: SchedulerEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), EVERY_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async purge(): Promise<void> {
    const days = this.env.SCHEDULER_HISTORY_DAYS;
    try {
      const entries = await this.timeline.purgeOlderThan(days);
      const [, warnings]: [unknown[], number] = await this.dataSource.query(
        `DELETE FROM refresh_scheduler.expiry_warning WHERE target_at < now() - make_interval(days => $1)`,
        [days],
      );
      if (entries + warnings > 0) this.logger.log({ msg: 'history purged', entries, warnings });
    } catch (error) {
      this.logger.warn({ msg: 'history purge failed', error: String(error).slice(0, 200) });
    }
  }
}

import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BudgetsService } from '../budgets/budgets.service';
import { SCHEDULER_ENV, type SchedulerEnv } from '../config';
import { LADDER_BATCH, LadderService } from '../ladder/ladder.service';
import { claimDuration, inFlight, leaseTakeovers } from '../metrics/scheduler.metrics';
import { REPLICA_ID } from '../replica';
import { ClaimRepository, type ClaimedRow } from './claim.repository';
import { RefreshWorker } from './refresh.worker';

const PLATFORMS_TTL_MS = 2000;
const LADDER_EVERY_MS = 1000;

/**
 * The replica's loop: per platform, take budget, claim that many due rows, hand each to a worker;
 * keep at most SCHEDULER_CONCURRENCY refreshes in flight; run the expiry ladders every second.
 */
@Injectable()
export class ClaimLoopService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('claims');
  private readonly claims: ClaimRepository;
  private running = false;
  private loop?: Promise<void>;
  private readonly workers = new Set<Promise<void>>();
  private wake?: () => void;
  private platforms: { at: number; types: string[] } = { at: 0, types: [] };
  private turn = 0;
  private lastLadder = 0;

  constructor(
    dataSource: DataSource,
    private readonly budgets: BudgetsService,
    private readonly ladders: LadderService,
    private readonly worker: RefreshWorker,
    @Inject(SCHEDULER_ENV) private readonly env: SchedulerEnv,
  ) {
    this.claims = new ClaimRepository(dataSource);
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private get free(): number {
    return this.env.SCHEDULER_CONCURRENCY - this.workers.size;
  }

  /** Free slots worth a claim: one claim per quarter of the concurrency, not one per slot. */
  private get refillAt(): number {
    return Math.max(
      1,
      Math.floor(Math.min(this.env.SCHEDULER_CONCURRENCY, this.env.SCHEDULER_BATCH) / 4),
    );
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let pause = this.env.SCHEDULER_POLL_MS;
      try {
        await this.ladder();
        const pass = await this.pass();
        failures = 0;
        if (pass.started > 0) pause = 0;
        else if (pass.budgetRetryMs > 0) pause = Math.min(pause, pass.budgetRetryMs);
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 20 === 0) {
          this.logger.warn({
            msg: 'claim pass failed; retrying',
            failures,
            error: String(error).slice(0, 300),
          });
        }
        pause = Math.min(5000, 100 * 2 ** Math.min(failures, 6));
      }
      await this.sleep(this.free >= this.refillAt ? pause : this.env.SCHEDULER_POLL_MS);
    }
    await Promise.allSettled(this.workers);
  }

  /** One round over the platforms; returns how many refreshes it started. */
  private async pass(): Promise<{ started: number; budgetRetryMs: number }> {
    let started = 0;
    let budgetRetryMs = 0;
    const types = await this.platformTypes();
    const offset = this.turn++ % Math.max(1, types.length);
    for (const type of [...types.slice(offset), ...types.slice(0, offset)]) {
      const want = Math.min(this.free, this.env.SCHEDULER_BATCH);
      if (want <= 0) break;
      const waitMs = this.budgets.platformWaitMs(type);
      if (waitMs > 0) {
        budgetRetryMs = budgetRetryMs ? Math.min(budgetRetryMs, waitMs) : waitMs;
        continue;
      }
      const rows = await this.claimFor(type, want);
      for (const row of rows) this.start(row);
      started += rows.length;
    }
    return { started, budgetRetryMs };
  }

  /** Claims due rows and keeps those the budgets allow now; the rest stay due for later. */
  private async claimFor(type: string, limit: number): Promise<ClaimedRow[]> {
    const stop = claimDuration.startTimer();
    const rows = await this.claims.claim(
      REPLICA_ID,
      type,
      limit,
      this.env.SCHEDULER_LEASE_MS,
      this.budgets.spentAppsOf(type),
    );
    stop();
    const takenOver = rows.filter((r) => r.taken_over).length;
    if (takenOver > 0) leaseTakeovers.inc({ platform: type }, takenOver);
    const { allowed, denied } = await this.budgets.admit(type, rows);
    await this.claims.unclaim(REPLICA_ID, denied);
    return allowed;
  }

  private start(row: ClaimedRow): void {
    const work: Promise<void> = this.worker
      .run(row)
      .catch((error: unknown) =>
        this.logger.error({
          msg: 'refresh handling failed; the lease will lapse and the row be retried',
          connectionId: row.connection_id,
          err: error,
        }),
      )
      .finally(() => {
        this.workers.delete(work);
        inFlight.set(this.workers.size);
        // enough slots came free for a batch worth claiming: look for more work at once
        if (this.free >= this.refillAt) this.wake?.();
      });
    this.workers.add(work);
    inFlight.set(this.workers.size);
  }

  private async platformTypes(): Promise<string[]> {
    if (Date.now() - this.platforms.at > PLATFORMS_TTL_MS) {
      this.platforms = { at: Date.now(), types: await this.claims.platforms() };
    }
    return this.platforms.types;
  }

  private async ladder(): Promise<void> {
    if (Date.now() - this.lastLadder < LADDER_EVERY_MS) return;
    this.lastLadder = Date.now();
    while ((await this.ladders.pass()) === LADDER_BATCH && this.running) {
      // a full batch: there may be more
    }
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

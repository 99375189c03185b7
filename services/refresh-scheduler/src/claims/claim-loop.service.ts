import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import {
  CodedError,
  REFRESH_FAILED_V1,
  VaultRefresh,
  type PlatformType,
  type RefreshOutcome,
} from '@switchboard/contracts';
import { OutboxService } from '@switchboard/bus';
import { currentTraceId, inSpan, RpcClient } from '@switchboard/platform';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { AttemptsRepository } from '../attempts/attempts.repository';
import { SCHEDULER_ENV, type SchedulerEnv } from '../config';
import { retryDelayMs } from '../schedule/lead-time';
import { ScheduleService } from '../schedule/schedule.service';
import { claimDuration, leaseTakeovers, refreshAttempts } from './claims.metrics';
import { ClaimRepository, type ClaimedRow } from './claim.repository';

/**
 * Claims due rows and asks the vault to refresh them, then acts on the outcome: reschedule,
 * back off (honouring Retry-After, while the token still lives), or stop for good.
 */
@Injectable()
export class ClaimLoopService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('claims');
  private readonly owner = `${hostname()}:${process.pid}`;
  private readonly claims: ClaimRepository;
  private running = false;
  private loop?: Promise<void>;
  private inFlight = 0;
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: RpcClient,
    private readonly outbox: OutboxService,
    private readonly schedules: ScheduleService,
    private readonly attempts: AttemptsRepository,
    @Inject(SCHEDULER_ENV) private readonly env: SchedulerEnv,
  ) {
    this.claims = new ClaimRepository(this.dataSource);
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    const workers = new Set<Promise<void>>();
    while (this.running) {
      const free = this.env.SCHEDULER_CONCURRENCY - this.inFlight;
      let claimed: ClaimedRow[] = [];
      if (free > 0) {
        try {
          const stop = claimDuration.startTimer();
          claimed = await this.claims.claim(
            this.owner,
            Math.min(free, this.env.SCHEDULER_BATCH),
            this.env.SCHEDULER_LEASE_MS,
          );
          stop();
          await this.purge();
        } catch (error) {
          this.logger.warn({ msg: 'claim failed; retrying', error: String(error).slice(0, 200) });
        }
      }
      for (const row of claimed) {
        if (row.taken_over) leaseTakeovers.inc();
        this.inFlight += 1;
        const work = this.refresh(row)
          .catch((error: unknown) =>
            this.logger.error({
              msg: 'refresh handling failed',
              connectionId: row.connection_id,
              err: error,
            }),
          )
          .finally(() => {
            this.inFlight -= 1;
            workers.delete(work);
          });
        workers.add(work);
      }
      if (claimed.length === 0 || this.inFlight >= this.env.SCHEDULER_CONCURRENCY) {
        await new Promise((r) =>
          setTimeout(r, claimed.length === 0 ? this.env.SCHEDULER_POLL_MS : 20),
        );
      }
    }
    await Promise.allSettled(workers);
  }

  private async refresh(row: ClaimedRow): Promise<void> {
    const startedAt = new Date();
    await inSpan(
      'scheduler.refresh',
      {
        attributes: {
          'switchboard.platform': row.type,
          'switchboard.connection_id': row.connection_id,
        },
      },
      async () => {
        const traceId = currentTraceId();
        let outcome: RefreshOutcome;
        try {
          outcome = await this.rpc.call(
            VaultRefresh,
            { connectionId: row.connection_id, teamId: row.team_id, trigger: 'scheduled' },
            { timeoutMs: 20_000 },
          );
        } catch (error) {
          const reason =
            error instanceof CodedError ? `${error.code}: ${error.message}` : 'vault call failed';
          outcome = { outcome: 'transient', reason, retryAfterSeconds: null, providerStatus: null };
        }
        refreshAttempts.inc({ platform: row.type, outcome: outcome.outcome });
        await this.attempts.record({
          connectionId: row.connection_id,
          teamId: row.team_id,
          type: row.type,
          startedAt,
          durationMs: Date.now() - startedAt.getTime(),
          trigger: 'scheduled',
          outcome: outcome.outcome,
          providerStatus: outcome.outcome === 'refreshed' ? null : outcome.providerStatus,
          error: outcome.outcome === 'refreshed' ? null : outcome.reason,
          traceId,
          replica: this.owner,
        });
        await this.settle(row, outcome);
      },
    );
  }

  private async settle(row: ClaimedRow, outcome: RefreshOutcome): Promise<void> {
    switch (outcome.outcome) {
      case 'refreshed': {
        const due = outcome.refreshable ? this.schedules.dueAt(outcome.expiresAt) : null;
        await this.claims.settle(this.owner, row.connection_id, {
          nextDueAt: due,
          state: due ? 'scheduled' : 'not_refreshable',
          attempts: 0,
          outcome: 'refreshed',
          expiresAt: outcome.expiresAt,
          credentialVersion: outcome.credentialVersion,
        });
        return;
      }
      case 'reauth_required':
      case 'permission_lost':
        // the vault marked the credential dead and announced RefreshFailed with it
        await this.claims.settle(this.owner, row.connection_id, {
          nextDueAt: null,
          state: 'dead',
          attempts: row.attempts + 1,
          outcome: outcome.outcome,
        });
        return;
      case 'transient': {
        const attempts = row.attempts + 1;
        const retryAt = new Date(Date.now() + retryDelayMs(attempts, outcome.retryAfterSeconds));
        if (row.expires_at && retryAt >= row.expires_at) {
          await this.exhausted(row, attempts, outcome.reason, outcome.providerStatus);
          return;
        }
        await this.claims.settle(this.owner, row.connection_id, {
          nextDueAt: retryAt,
          state: 'scheduled',
          attempts,
          outcome: 'transient',
        });
        return;
      }
    }
  }

  /** The platform stayed unavailable for as long as the token lived: announce it once. */
  private async exhausted(
    row: ClaimedRow,
    attempts: number,
    reason: string,
    providerStatus: number | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const settled = await this.claims.settle(
        this.owner,
        row.connection_id,
        { nextDueAt: null, state: 'dead', attempts, outcome: 'transient_exhausted' },
        tx,
      );
      if (!settled) return;
      await this.outbox.enqueue(
        tx,
        REFRESH_FAILED_V1,
        {
          connectionId: row.connection_id,
          teamId: row.team_id,
          type: row.type as PlatformType,
          credentialVersion: row.credential_version,
          reason: 'transient_exhausted',
          detail: `refresh kept failing until the token expired: ${reason}`.slice(0, 1000),
          providerError: providerStatus ? String(providerStatus) : null,
          missingScopes: [],
          failedAt: new Date().toISOString(),
        },
        row.connection_id,
      );
    });
  }

  private async purge(): Promise<void> {
    if (Date.now() - this.lastPurge < 3600_000) return;
    this.lastPurge = Date.now();
    await this.attempts.purgeOlderThan(this.env.SCHEDULER_HISTORY_DAYS);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { REFRESH_FAILED_V1, type PlatformType, type RefreshOutcome } from '@switchboard/contracts';
import { EventConsumer, OutboxService } from '@switchboard/bus';
import { DataSource } from 'typeorm';
import { SCHEDULER_ENV, type SchedulerEnv } from '../config';
import { LadderService } from '../ladder/ladder.service';
import { nextRetryAt } from '../policy/backoff';
import { planCredential, versionGeneration } from '../policy/plan';
import { PolicyTable } from '../policy/platform-policy';
import { REPLICA_ID } from '../replica';
import type { TimelineRecord } from '../timeline/timeline.repository';
import { ClaimRepository, type ClaimedRow } from './claim.repository';

type Transient = Extract<RefreshOutcome, { outcome: 'transient' }>;

/**
 * Acts on what `vault.refresh` answered: `refreshed` → the next refresh (or ladder);
 * `reauth_required` / `permission_lost` → stop (the vault announced it); `transient` → back off,
 * honouring Retry-After, while the token lives — warning on the ladder once it keeps failing —
 * then one `RefreshFailed` (`transient_exhausted`).
 */
@Injectable()
export class OutcomeService {
  private readonly claims: ClaimRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly consumer: EventConsumer,
    private readonly ladders: LadderService,
    private readonly policies: PolicyTable,
    @Inject(SCHEDULER_ENV) private readonly env: SchedulerEnv,
  ) {
    this.claims = new ClaimRepository(dataSource);
  }

  async apply(row: ClaimedRow, outcome: RefreshOutcome, attempt: TimelineRecord): Promise<void> {
    const now = new Date();
    switch (outcome.outcome) {
      case 'refreshed': {
        // the vault may answer without calling the platform (joined another refresh, or the
        // token was still fresh): then the token is as old as it was
        const unchanged =
          !outcome.providerCalled && outcome.credentialVersion === row.credential_version;
        const credential = {
          version: outcome.credentialVersion,
          expiresAt: outcome.expiresAt ? new Date(outcome.expiresAt) : null,
          refreshExpiresAt: outcome.refreshExpiresAt ? new Date(outcome.refreshExpiresAt) : null,
          refreshable: outcome.refreshable,
          issuedAt: unchanged && row.issued_at ? new Date(row.issued_at) : now,
        };
        const plan = planCredential(
          this.policies.for(row.type),
          { ...credential, credentialVersion: credential.version },
          now,
        );
        // never straight back to the vault with the same credential it just called fresh
        const floor = unchanged ? now.getTime() + this.env.SCHEDULER_LEASE_MS : 0;
        const nextDueAt =
          plan.nextDueAt && plan.nextDueAt.getTime() < floor ? new Date(floor) : plan.nextDueAt;
        const settled = this.claims.settle(
          REPLICA_ID,
          row,
          {
            state: plan.state,
            nextDueAt,
            attempts: 0,
            outcome: 'refreshed',
            credential,
            ladder: this.ladders.columnsFor(plan.ladder, now),
          },
          attempt,
        );
        // the TokenRefreshed of this refresh changes nothing once this is settled: when it
        // arrives here it gets only its inbox row
        if (outcome.eventId) this.consumer.noteHandled(outcome.eventId, settled);
        await settled;
        return;
      }
      case 'reauth_required':
      case 'permission_lost':
        // the vault marked the credential dead and announced RefreshFailed with it
        await this.claims.settle(
          REPLICA_ID,
          row,
          {
            state: 'dead',
            nextDueAt: null,
            attempts: row.attempts + 1,
            outcome: outcome.outcome,
            ladder: null,
          },
          attempt,
        );
        return;
      case 'transient':
        await this.transient(row, outcome, attempt, now);
        return;
    }
  }

  private async transient(
    row: ClaimedRow,
    outcome: Transient,
    attempt: TimelineRecord,
    now: Date,
  ): Promise<void> {
    const attempts = row.attempts + 1;
    const expiresAt = row.expires_at ? new Date(row.expires_at) : null;
    const retryAt = nextRetryAt(attempts, outcome.retryAfterSeconds, now, expiresAt);
    if (!retryAt) return this.exhausted(row, outcome, attempt, attempts);
    const horizon =
      expiresAt && attempts >= this.env.SCHEDULER_FAILING_AFTER
        ? this.ladders.reached(expiresAt, now)
        : null;
    const settlement = {
      state: 'scheduled' as const,
      nextDueAt: retryAt,
      attempts,
      outcome: 'transient',
    };
    if (horizon === null || !expiresAt) {
      await this.claims.settle(REPLICA_ID, row, settlement, attempt);
      return;
    }
    await this.dataSource.transaction(async (tx) => {
      if (!(await this.claims.settle(REPLICA_ID, row, settlement, attempt, tx))) return;
      await this.ladders.fire(
        tx,
        subjectOf(row),
        {
          cause: 'refresh_failing',
          targetAt: expiresAt,
          generation: versionGeneration(row.credential_version),
        },
        horizon,
      );
    });
  }

  /** The platform stayed unavailable for as long as the token lived: announce it once. */
  private async exhausted(
    row: ClaimedRow,
    outcome: Transient,
    attempt: TimelineRecord,
    attempts: number,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const settled = await this.claims.settle(
        REPLICA_ID,
        row,
        { state: 'dead', nextDueAt: null, attempts, outcome: 'transient_exhausted', ladder: null },
        { ...attempt, outcome: 'transient' },
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
          detail: `refresh kept failing until the token expired: ${outcome.reason}`.slice(0, 1000),
          providerError: outcome.providerStatus ? String(outcome.providerStatus) : null,
          missingScopes: [],
          failedAt: new Date().toISOString(),
        },
        row.connection_id,
      );
    });
  }
}

function subjectOf(row: ClaimedRow) {
  return {
    connectionId: row.connection_id,
    teamId: row.team_id,
    type: row.type,
    credentialVersion: row.credential_version,
  };
}

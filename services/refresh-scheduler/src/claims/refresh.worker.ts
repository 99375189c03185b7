import { Inject, Injectable } from '@nestjs/common';
import { CodedError, VaultRefresh, type RefreshOutcome } from '@switchboard/contracts';
import { currentTraceId, inSpan, RpcClient } from '@switchboard/platform';
import { refreshTimeoutMs, SCHEDULER_ENV, type SchedulerEnv } from '../config';
import { outcomeClass, refreshOutcomes } from '../metrics/scheduler.metrics';
import { REPLICA_ID } from '../replica';
import type { ClaimedRow } from './claim.repository';
import { OutcomeService } from './outcome.service';

/** One claimed row: ask the vault to refresh it, record the attempt, act on the outcome. */
@Injectable()
export class RefreshWorker {
  private readonly timeoutMs: number;

  constructor(
    private readonly rpc: RpcClient,
    private readonly outcomes: OutcomeService,
    @Inject(SCHEDULER_ENV) env: SchedulerEnv,
  ) {
    this.timeoutMs = refreshTimeoutMs(env);
  }

  run(row: ClaimedRow): Promise<void> {
    return inSpan(
      'scheduler.refresh',
      {
        attributes: {
          'switchboard.platform': row.type,
          'switchboard.connection_id': row.connection_id,
        },
      },
      async () => {
        const startedAt = new Date();
        const outcome = await this.callVault(row);
        refreshOutcomes.inc({
          platform: row.type,
          outcome: outcome.outcome,
          class: outcomeClass(outcome),
        });
        await this.outcomes.apply(row, outcome, {
          connectionId: row.connection_id,
          teamId: row.team_id,
          type: row.type,
          at: startedAt,
          kind: 'refresh_attempt',
          outcome: outcome.outcome,
          providerStatus: outcome.outcome === 'refreshed' ? null : outcome.providerStatus,
          providerError: null,
          detail: outcome.outcome === 'refreshed' ? null : outcome.reason,
          traceId: currentTraceId(),
          durationMs: Date.now() - startedAt.getTime(),
          trigger: 'scheduled',
          credentialVersion:
            outcome.outcome === 'refreshed' ? outcome.credentialVersion : row.credential_version,
          replica: REPLICA_ID,
        });
      },
    );
  }

  private async callVault(row: ClaimedRow): Promise<RefreshOutcome> {
    try {
      return await this.rpc.call(
        VaultRefresh,
        { connectionId: row.connection_id, teamId: row.team_id, trigger: 'scheduled' },
        { timeoutMs: this.timeoutMs },
      );
    } catch (error) {
      // the vault did not answer (or failed): nothing is known about the platform, try again
      const reason =
        error instanceof CodedError
          ? `vault: ${error.code}: ${error.message}`
          : 'vault call failed';
      return {
        outcome: 'transient',
        reason: reason.slice(0, 500),
        retryAfterSeconds: null,
        providerStatus: null,
      };
    }
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  REFRESH_FAILED_V1,
  TOKEN_EXPIRING_V1,
  type PlatformType,
  type TokenExpiringV1,
} from '@switchboard/contracts';
import { OutboxService } from '@switchboard/bus';
import { currentTraceId } from '@switchboard/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { SCHEDULER_ENV, type SchedulerEnv } from '../config';
import { expiryWarnings } from '../metrics/scheduler.metrics';
import { ladderCheckAt, nextHorizonAt, reachedHorizon } from '../policy/ladder';
import type { Ladder, LadderCause } from '../policy/plan';
import { TimelineRepository } from '../timeline/timeline.repository';

export interface LadderSubject {
  connectionId: string;
  teamId: string;
  type: string;
  credentialVersion: number;
}

interface LadderRow {
  connection_id: string;
  team_id: string;
  type: string;
  credential_version: number;
  warn_cause: LadderCause;
  warn_target: Date;
  warn_generation: string;
}

/** Marks the one-time lapse of a credential nobody can refresh in the warnings table. */
const LAPSE_HORIZON = 0;
export const LADDER_BATCH = 200;

/**
 * `TokenExpiring` at each horizon (default 7 d, 3 d, 1 d, 1 h) before a credential lapses: for
 * credentials that cannot be refreshed, for refresh tokens with a fixed end of life, and for
 * refreshable ones whose refresh keeps failing. Each horizon fires once per credential generation:
 * the warnings table's primary key says so, whatever replica or redelivery tries again.
 */
@Injectable()
export class LadderService {
  private readonly logger = new Logger('ladder');
  private readonly horizons: number[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly timeline: TimelineRepository,
    @Inject(SCHEDULER_ENV) env: SchedulerEnv,
  ) {
    this.horizons = env.SCHEDULER_EXPIRY_HORIZONS;
  }

  /** The schedule-row columns of a ladder starting now (`null`: no ladder). */
  columnsFor(ladder: Ladder | null, now: Date): LadderColumns | null {
    if (!ladder) return null;
    return {
      warnAt: ladderCheckAt(
        ladder.targetAt,
        now,
        this.horizons,
        ladder.cause === 'not_refreshable',
      ),
      cause: ladder.cause,
      targetAt: ladder.targetAt,
      generation: ladder.generation,
    };
  }

  /** The horizon a failing refresh has reached, if any (it then fires `refresh_failing`). */
  reached(targetAt: Date, now: Date): number | null {
    return reachedHorizon(targetAt, now, this.horizons);
  }

  /** Announces `horizon` once for this generation, inside the caller's transaction. */
  async fire(
    tx: EntityManager,
    s: LadderSubject,
    ladder: Ladder,
    horizonSeconds: number,
  ): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO refresh_scheduler.expiry_warning (connection_id, generation, horizon_seconds, cause, target_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
      [s.connectionId, ladder.generation, horizonSeconds, ladder.cause, ladder.targetAt],
    );
    if (inserted.length === 0) return false;
    const data: TokenExpiringV1['data'] = {
      connectionId: s.connectionId,
      teamId: s.teamId,
      type: s.type as PlatformType,
      credentialVersion: s.credentialVersion,
      expiresAt: ladder.targetAt.toISOString(),
      horizonSeconds,
      cause: ladder.cause,
    };
    await this.outbox.enqueue(tx, TOKEN_EXPIRING_V1, data, s.connectionId);
    await this.timeline.record(
      {
        connectionId: s.connectionId,
        teamId: s.teamId,
        type: s.type,
        at: new Date(),
        kind: 'expiring',
        outcome: ladder.cause,
        detail: `expires ${ladder.targetAt.toISOString()}; warned ${describeHorizon(horizonSeconds)} ahead`,
        traceId: currentTraceId(),
        credentialVersion: s.credentialVersion,
      },
      tx,
    );
    expiryWarnings.inc({ platform: s.type, cause: ladder.cause, horizon: String(horizonSeconds) });
    return true;
  }

  /** Fires what is due on the ladders of any replica's rows; returns how many rows it handled. */
  async pass(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows: LadderRow[] = await tx.query(
        `SELECT connection_id, team_id, type, credential_version, warn_cause, warn_target, warn_generation
         FROM refresh_scheduler.schedule
         WHERE warn_at <= $1 AND state IN ('scheduled', 'not_refreshable')
         ORDER BY warn_at LIMIT ${LADDER_BATCH}
         FOR UPDATE SKIP LOCKED`,
        [now],
      );
      for (const row of rows) await this.step(tx, row, now);
      return rows.length;
    });
  }

  private async step(tx: EntityManager, row: LadderRow, now: Date): Promise<void> {
    const subject: LadderSubject = {
      connectionId: row.connection_id,
      teamId: row.team_id,
      type: row.type,
      credentialVersion: row.credential_version,
    };
    const ladder: Ladder = {
      cause: row.warn_cause,
      targetAt: new Date(row.warn_target),
      generation: row.warn_generation,
    };
    const lapses = ladder.cause === 'not_refreshable';
    if (ladder.targetAt <= now) {
      if (lapses) await this.lapse(tx, subject, ladder);
      await tx.query(
        `UPDATE refresh_scheduler.schedule SET warn_at = NULL, updated_at = now() WHERE connection_id = $1`,
        [row.connection_id],
      );
      return;
    }
    const horizon = reachedHorizon(ladder.targetAt, now, this.horizons);
    if (horizon !== null) await this.fire(tx, subject, ladder, horizon);
    const next =
      nextHorizonAt(ladder.targetAt, now, this.horizons) ?? (lapses ? ladder.targetAt : null);
    await tx.query(
      `UPDATE refresh_scheduler.schedule SET warn_at = $2, updated_at = now() WHERE connection_id = $1`,
      [row.connection_id, next],
    );
  }

  /** A credential nobody could refresh has expired: the account needs its user, say so once. */
  private async lapse(tx: EntityManager, s: LadderSubject, ladder: Ladder): Promise<void> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO refresh_scheduler.expiry_warning (connection_id, generation, horizon_seconds, cause, target_at)
       VALUES ($1, $2, ${LAPSE_HORIZON}, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
      [s.connectionId, ladder.generation, ladder.cause, ladder.targetAt],
    );
    if (inserted.length === 0) return;
    await tx.query(
      `UPDATE refresh_scheduler.schedule SET state = 'dead', last_outcome = 'expired', updated_at = now()
       WHERE connection_id = $1`,
      [s.connectionId],
    );
    await this.outbox.enqueue(
      tx,
      REFRESH_FAILED_V1,
      {
        connectionId: s.connectionId,
        teamId: s.teamId,
        type: s.type as PlatformType,
        credentialVersion: s.credentialVersion,
        reason: 'reauth_required',
        detail: 'the token expired and the platform offers no way to refresh it',
        providerError: null,
        missingScopes: [],
        failedAt: new Date().toISOString(),
      },
      s.connectionId,
    );
    this.logger.log({ msg: 'credential lapsed', connectionId: s.connectionId, type: s.type });
  }
}

export interface LadderColumns {
  warnAt: Date | null;
  cause: LadderCause;
  targetAt: Date;
  generation: string;
}

function describeHorizon(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

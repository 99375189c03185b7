import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NOTIFIER_ENV, type NotifierEnv } from '../config';
import { updateReturning } from '../db/update-returning';

export type ProblemKind = 'refresh_failed' | 'disconnected' | 'expiring';

export interface DueProblem {
  connection_id: string;
  team_id: string;
  kind: ProblemKind;
  credential_version: number;
  opened_at: Date;
  reminder_step: number;
}

/**
 * One row per connection that has something wrong with it. A failure opens (or keeps) the row and
 * its bounded reminder series; a reconnect with a newer credential resolves it, which stops the
 * reminders and is what makes a "connected again" notice worth sending.
 */
@Injectable()
export class ProblemsRepository {
  constructor(@Inject(NOTIFIER_ENV) private readonly env: NotifierEnv) {}

  async openFailure(
    tx: EntityManager,
    p: {
      connectionId: string;
      teamId: string;
      kind: 'refresh_failed' | 'disconnected';
      version: number;
      at: Date;
    },
  ): Promise<void> {
    const first = this.env.REMINDER_SCHEDULE_SECONDS[0];
    const next = first === undefined ? null : new Date(p.at.getTime() + first * 1000);
    // an open failure keeps its start and its reminder series; an expiry warning turns into one
    await tx.query(
      `INSERT INTO notifier.problem AS p (connection_id, team_id, kind, credential_version, opened_at,
         reminder_step, next_reminder_at, resolved_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 0, $6, NULL, now())
       ON CONFLICT (connection_id) DO UPDATE SET
         kind = EXCLUDED.kind,
         credential_version = GREATEST(p.credential_version, EXCLUDED.credential_version),
         opened_at = CASE WHEN p.resolved_at IS NULL AND p.kind <> 'expiring' THEN p.opened_at ELSE EXCLUDED.opened_at END,
         reminder_step = CASE WHEN p.resolved_at IS NULL AND p.kind <> 'expiring' THEN p.reminder_step ELSE 0 END,
         next_reminder_at = CASE WHEN p.resolved_at IS NULL AND p.kind <> 'expiring' THEN p.next_reminder_at
                                 ELSE EXCLUDED.next_reminder_at END,
         resolved_at = NULL, updated_at = now()
       WHERE p.credential_version <= EXCLUDED.credential_version`,
      [p.connectionId, p.teamId, p.kind, p.version, p.at, next],
    );
  }

  /** An expiry warning is a problem too (a reconnect answers it), but without reminders. */
  async openExpiring(
    tx: EntityManager,
    p: { connectionId: string; teamId: string; version: number; at: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO notifier.problem AS p (connection_id, team_id, kind, credential_version, opened_at,
         reminder_step, next_reminder_at, resolved_at, updated_at)
       VALUES ($1, $2, 'expiring', $3, $4, 0, NULL, NULL, now())
       ON CONFLICT (connection_id) DO UPDATE SET kind = 'expiring', credential_version = EXCLUDED.credential_version,
         opened_at = EXCLUDED.opened_at, reminder_step = 0, next_reminder_at = NULL, resolved_at = NULL, updated_at = now()
       WHERE p.resolved_at IS NOT NULL AND p.credential_version <= EXCLUDED.credential_version`,
      [p.connectionId, p.teamId, p.version, p.at],
    );
  }

  /** Resolves an open problem older than this credential; returns its kind when there was one. */
  async resolve(
    tx: EntityManager,
    connectionId: string,
    newVersion: number,
    only?: ProblemKind,
  ): Promise<ProblemKind | null> {
    const rows = await updateReturning<{ kind: ProblemKind }>(
      tx,
      `UPDATE notifier.problem SET resolved_at = now(), next_reminder_at = NULL, updated_at = now()
       WHERE connection_id = $1 AND resolved_at IS NULL AND credential_version < $2
         AND ($3::text IS NULL OR kind = $3)
       RETURNING kind`,
      [connectionId, newVersion, only ?? null],
    );
    return rows[0]?.kind ?? null;
  }

  /** The team disconnected the account on purpose: nothing left to remind anyone about. */
  async close(tx: EntityManager, connectionId: string): Promise<void> {
    await tx.query(
      `UPDATE notifier.problem SET resolved_at = now(), next_reminder_at = NULL, updated_at = now()
       WHERE connection_id = $1 AND resolved_at IS NULL`,
      [connectionId],
    );
  }

  async claimDue(tx: EntityManager, limit: number): Promise<DueProblem[]> {
    return tx.query(
      `SELECT connection_id, team_id, kind, credential_version, opened_at, reminder_step FROM notifier.problem
       WHERE resolved_at IS NULL AND next_reminder_at <= now()
       ORDER BY next_reminder_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  /**
   * Records that reminder `sent` (1-based) went out and plans the next one. Steps whose time has
   * already passed (the service was down) are skipped rather than sent in a burst.
   */
  async advance(tx: EntityManager, p: DueProblem, sent: number, now = new Date()): Promise<void> {
    const schedule = this.env.REMINDER_SCHEDULE_SECONDS;
    const opened = new Date(p.opened_at).getTime();
    let step = sent;
    while (step < schedule.length && opened + schedule[step] * 1000 <= now.getTime()) step += 1;
    const next = step < schedule.length ? new Date(opened + schedule[step] * 1000) : null;
    await tx.query(
      `UPDATE notifier.problem SET reminder_step = $2, next_reminder_at = $3, updated_at = now() WHERE connection_id = $1`,
      [p.connection_id, step, next],
    );
  }
}

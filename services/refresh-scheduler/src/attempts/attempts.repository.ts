import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface AttemptRecord {
  connectionId: string;
  teamId: string;
  type: string;
  startedAt: Date;
  durationMs: number;
  trigger: 'scheduled' | 'manual';
  outcome: string;
  providerStatus: number | null;
  error: string | null;
  traceId: string | null;
  replica: string;
}

/** The attempt history on-call reads (the account timeline). */
@Injectable()
export class AttemptsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(a: AttemptRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO refresh_scheduler.attempt
         (connection_id, team_id, type, started_at, duration_ms, trigger, outcome, provider_status, error, trace_id, replica)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        a.connectionId,
        a.teamId,
        a.type,
        a.startedAt,
        a.durationMs,
        a.trigger,
        a.outcome,
        a.providerStatus,
        a.error?.slice(0, 1000) ?? null,
        a.traceId,
        a.replica,
      ],
    );
  }

  async purgeOlderThan(days: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM refresh_scheduler.attempt WHERE started_at < now() - make_interval(days => $1)`,
      [days],
    );
  }
}

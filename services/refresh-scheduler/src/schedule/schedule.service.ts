import { Inject, Injectable } from '@nestjs/common';
import type { AccountConnectedV1, TokenRefreshedV1 } from '@switchboard/contracts';
import type { EntityManager } from 'typeorm';
import { SCHEDULER_ENV, type SchedulerEnv } from '../config';
import { nextRefreshAt, type LeadPolicy } from './lead-time';

type Plan = Pick<
  AccountConnectedV1['data'],
  'connectionId' | 'teamId' | 'type' | 'credentialVersion' | 'expiresAt' | 'refreshable'
>;

/** Keeps one schedule row per connection, from the events that change its credential. */
@Injectable()
export class ScheduleService {
  readonly lead: LeadPolicy;

  constructor(@Inject(SCHEDULER_ENV) env: SchedulerEnv) {
    this.lead = {
      minLeadSeconds: env.SCHEDULER_MIN_LEAD_SECONDS,
      maxLeadSeconds: env.SCHEDULER_MAX_LEAD_SECONDS,
      fraction: 0.25,
    };
  }

  dueAt(expiresAt: string | null): Date | null {
    return expiresAt ? nextRefreshAt(new Date(expiresAt), new Date(), this.lead) : null;
  }

  /** A new or reconnected credential: plan its refresh (or mark it as one that cannot refresh). */
  async plan(d: Plan, tx: EntityManager): Promise<void> {
    const refreshable = d.refreshable && d.expiresAt !== null;
    await tx.query(
      `INSERT INTO refresh_scheduler.schedule AS s
         (connection_id, team_id, type, credential_version, state, expires_at, next_due_at, attempts, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 0, now())
       ON CONFLICT (connection_id) DO UPDATE SET
         credential_version = EXCLUDED.credential_version, state = EXCLUDED.state,
         expires_at = EXCLUDED.expires_at, next_due_at = EXCLUDED.next_due_at, attempts = 0,
         lease_owner = NULL, lease_until = NULL, updated_at = now()
       WHERE s.credential_version < EXCLUDED.credential_version OR s.state <> 'scheduled'`,
      [
        d.connectionId,
        d.teamId,
        d.type,
        d.credentialVersion,
        refreshable ? 'scheduled' : 'not_refreshable',
        d.expiresAt,
        refreshable ? this.dueAt(d.expiresAt) : null,
      ],
    );
  }

  async refreshed(d: TokenRefreshedV1['data'], tx: EntityManager): Promise<void> {
    const refreshable = d.refreshable && d.expiresAt !== null;
    await tx.query(
      `UPDATE refresh_scheduler.schedule SET credential_version = $2, expires_at = $3, next_due_at = $4,
         state = $5, attempts = 0, updated_at = now()
       WHERE connection_id = $1 AND credential_version < $2 AND state IN ('scheduled', 'not_refreshable')`,
      [
        d.connectionId,
        d.credentialVersion,
        d.expiresAt,
        refreshable ? this.dueAt(d.expiresAt) : null,
        refreshable ? 'scheduled' : 'not_refreshable',
      ],
    );
  }

  async stop(
    connectionId: string,
    state: 'dead' | 'stopped',
    credentialVersion: number | null,
    tx: EntityManager,
  ): Promise<void> {
    await tx.query(
      `UPDATE refresh_scheduler.schedule SET state = $2, next_due_at = NULL, lease_owner = NULL, lease_until = NULL, updated_at = now()
       WHERE connection_id = $1 AND ($3::integer IS NULL OR credential_version <= $3)`,
      [connectionId, state, credentialVersion],
    );
  }
}

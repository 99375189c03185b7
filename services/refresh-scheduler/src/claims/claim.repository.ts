import { DataSource, type EntityManager } from 'typeorm';

export interface ClaimedRow {
  connection_id: string;
  team_id: string;
  type: string;
  credential_version: number;
  expires_at: Date | null;
  attempts: number;
  taken_over: boolean;
}

/** Due rows, claimed with `FOR UPDATE SKIP LOCKED` leases: any number of replicas share the work. */
export class ClaimRepository {
  constructor(private readonly dataSource: DataSource) {}

  async claim(owner: string, batch: number, leaseMs: number): Promise<ClaimedRow[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, count]
    const [rows]: [ClaimedRow[], number] = await this.dataSource.query(
      `WITH due AS (
         SELECT connection_id, lease_until IS NOT NULL AS taken_over FROM refresh_scheduler.schedule
         WHERE state = 'scheduled' AND next_due_at <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY next_due_at
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
       UPDATE refresh_scheduler.schedule s
         SET lease_owner = $1, lease_until = now() + make_interval(secs => $3::double precision / 1000)
       FROM due WHERE s.connection_id = due.connection_id
       RETURNING s.connection_id, s.team_id, s.type, s.credential_version, s.expires_at, s.attempts, due.taken_over`,
      [owner, batch, leaseMs],
    );
    return rows;
  }

  /** Writes the row's next state, only while this replica still holds the lease. */
  async settle(
    owner: string,
    connectionId: string,
    patch: {
      nextDueAt: Date | null;
      state: string;
      attempts: number;
      outcome: string;
      expiresAt?: string | null;
      credentialVersion?: number;
    },
    tx: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const result: [unknown[], number] = await tx.query(
      `UPDATE refresh_scheduler.schedule SET next_due_at = $3, state = $4, attempts = $5, last_outcome = $6,
         expires_at = COALESCE($7, expires_at), credential_version = GREATEST(credential_version, COALESCE($8, credential_version)),
         lease_owner = NULL, lease_until = NULL, updated_at = now()
       WHERE connection_id = $1 AND lease_owner = $2`,
      [
        connectionId,
        owner,
        patch.nextDueAt,
        patch.state,
        patch.attempts,
        patch.outcome,
        patch.expiresAt ?? null,
        patch.credentialVersion ?? null,
      ],
    );
    return result[1] === 1;
  }
}

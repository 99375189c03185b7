import { DataSource, type EntityManager } from 'typeorm';
import {
  TIMELINE_COLUMNS,
  timelineParams,
  timelinePlaceholders,
  type TimelineRecord,
} from '../timeline/timeline.repository';

export interface ClaimedRow {
  connection_id: string;
  team_id: string;
  type: string;
  app_key: string;
  credential_version: number;
  expires_at: Date | null;
  /** When the current access token was issued (as far as the scheduler knows). */
  issued_at: Date | null;
  attempts: number;
  /** Proves the lease is still ours when settling (bumped on every claim). */
  lease_token: string;
  /** The previous holder's lease lapsed without a settle: it died or stalled. */
  taken_over: boolean;
  /** When the row was due before this claim (to give it back unchanged). */
  due_at: Date;
}

/** A row's next state after an attempt, written only while its lease is still ours. */
export interface Settlement {
  state: 'scheduled' | 'not_refreshable' | 'dead';
  nextDueAt: Date | null;
  attempts: number;
  outcome: string;
  /** The credential a successful refresh produced. */
  credential?: {
    version: number;
    expiresAt: Date | null;
    refreshExpiresAt: Date | null;
    refreshable: boolean;
    issuedAt: Date;
  };
  /** The expiry ladder from now on; `undefined` keeps the current one, `null` ends it. */
  ladder?: { warnAt: Date | null; cause: string; targetAt: Date; generation: string } | null;
}

/**
 * Due rows, claimed per platform with `FOR UPDATE SKIP LOCKED`: any number of replicas share the
 * work and never get the same row. A claim moves the row's due time to the end of its lease, so
 * rows in flight are out of every claim's way; if the holder dies, the row simply falls due again
 * and the next claim takes it over.
 */
export class ClaimRepository {
  constructor(private readonly dataSource: DataSource) {}

  async claim(
    owner: string,
    type: string,
    limit: number,
    leaseMs: number,
    skipApps: string[] = [],
  ): Promise<ClaimedRow[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, count]
    const [rows]: [ClaimedRow[], number] = await this.dataSource.query(CLAIM_SQL, [
      type,
      limit,
      owner,
      leaseMs,
      skipApps,
    ]);
    return rows;
  }

  /** Gives claimed rows back untouched (their app had no budget left): due again at once. */
  async unclaim(owner: string, rows: ClaimedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.dataSource.query(
      `UPDATE refresh_scheduler.schedule s SET next_due_at = r.due_at, lease_owner = NULL
       FROM unnest($2::uuid[], $3::timestamptz[], $4::bigint[]) AS r(connection_id, due_at, lease_token)
       WHERE s.connection_id = r.connection_id AND s.lease_owner = $1 AND s.lease_token = r.lease_token`,
      [
        owner,
        rows.map((r) => r.connection_id),
        rows.map((r) => r.due_at),
        rows.map((r) => r.lease_token),
      ],
    );
  }

  /** Platforms that have scheduled rows: one index probe per platform (a loose index scan). */
  async platforms(): Promise<string[]> {
    const rows: { type: string }[] = await this.dataSource.query(
      `WITH RECURSIVE t(type) AS (
         (SELECT type FROM refresh_scheduler.schedule WHERE state = 'scheduled' ORDER BY type LIMIT 1)
         UNION ALL
         SELECT (SELECT s.type FROM refresh_scheduler.schedule s
                 WHERE s.state = 'scheduled' AND s.type > t.type ORDER BY s.type LIMIT 1)
         FROM t WHERE t.type IS NOT NULL)
       SELECT type FROM t WHERE type IS NOT NULL`,
    );
    return rows.map((r) => r.type);
  }

  /**
   * Writes the row's next state if the lease is still ours, and the attempt into the timeline
   * either way (it happened), in one statement. Returns whether the row was settled.
   */
  async settle(
    owner: string,
    row: ClaimedRow,
    s: Settlement,
    attempt: TimelineRecord,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const c = s.credential;
    const rows: { settled: number }[] = await tx.query(
      `WITH settled AS (
         UPDATE refresh_scheduler.schedule SET
           state = $4, next_due_at = $5, attempts = $6, last_outcome = $7,
           credential_version = GREATEST(credential_version, COALESCE($8::int, credential_version)),
           expires_at = CASE WHEN $8::int IS NULL THEN expires_at ELSE $9::timestamptz END,
           refresh_expires_at = CASE WHEN $8::int IS NULL THEN refresh_expires_at ELSE $10::timestamptz END,
           refreshable = CASE WHEN $8::int IS NULL THEN refreshable ELSE $11::boolean END,
           issued_at = CASE WHEN $8::int IS NULL THEN issued_at ELSE $12::timestamptz END,
           warn_at = CASE WHEN $13::boolean THEN $14::timestamptz ELSE warn_at END,
           warn_cause = CASE WHEN $13::boolean THEN $15::text ELSE warn_cause END,
           warn_target = CASE WHEN $13::boolean THEN $16::timestamptz ELSE warn_target END,
           warn_generation = CASE WHEN $13::boolean THEN $17::text ELSE warn_generation END,
           lease_owner = NULL, updated_at = now()
         WHERE connection_id = $1 AND lease_owner = $2 AND lease_token = $3
         RETURNING 1)
       INSERT INTO refresh_scheduler.timeline (${TIMELINE_COLUMNS})
       VALUES (${timelinePlaceholders(18)})
       RETURNING (SELECT count(*) FROM settled)::int AS settled`,
      [
        row.connection_id,
        owner,
        row.lease_token,
        s.state,
        s.nextDueAt,
        s.attempts,
        s.outcome,
        c?.version ?? null,
        c?.expiresAt ?? null,
        c?.refreshExpiresAt ?? null,
        c?.refreshable ?? null,
        c?.issuedAt ?? null,
        s.ladder !== undefined,
        s.ladder?.warnAt ?? null,
        s.ladder?.cause ?? null,
        s.ladder?.targetAt ?? null,
        s.ladder?.generation ?? null,
        ...timelineParams(attempt),
      ],
    );
    return rows[0]?.settled === 1;
  }
}

const CLAIM_SQL = `
  WITH due AS (
    SELECT connection_id, next_due_at, lease_owner IS NOT NULL AS taken_over
    FROM refresh_scheduler.schedule
    WHERE state = 'scheduled' AND type = $1 AND next_due_at <= now() AND app_key <> ALL($5::text[])
    ORDER BY next_due_at
    LIMIT $2
    FOR UPDATE SKIP LOCKED)
  UPDATE refresh_scheduler.schedule s
    SET lease_owner = $3, lease_token = s.lease_token + 1,
        next_due_at = now() + make_interval(secs => $4::double precision / 1000)
  FROM due WHERE s.connection_id = due.connection_id
  RETURNING s.connection_id, s.team_id, s.type, s.app_key, s.credential_version, s.expires_at,
    s.issued_at, s.attempts, s.lease_token::text AS lease_token, due.taken_over, due.next_due_at AS due_at`;

/** The claim statement, exported for the benchmark of its latency at scale. */
export const CLAIM_QUERY = CLAIM_SQL;

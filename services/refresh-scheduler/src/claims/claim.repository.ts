import { TickBatcher } from '@switchboard/platform';
import { DataSource, type EntityManager } from 'typeorm';
import {
  TIMELINE_COLUMNS,
  timelineColumnParams,
  timelineParams,
  timelinePlaceholders,
  timelineUnnest,
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
  private readonly settles: TickBatcher<Settle, boolean>;

  constructor(private readonly dataSource: DataSource) {
    this.settles = new TickBatcher((items) => this.settleMany(items), {
      name: 'scheduler_settle',
    });
  }

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
    tx?: EntityManager,
  ): Promise<boolean> {
    // outside a transaction, with the other settles of this event-loop turn in one statement
    if (!tx) return this.settles.run({ owner, row, s, attempt });
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

  private async settleMany(items: readonly Settle[]): Promise<boolean[]> {
    const settled = new Set<string>();
    const owners = new Map<string, Settle[]>();
    for (const item of items) owners.set(item.owner, [...(owners.get(item.owner) ?? []), item]);
    for (const [owner, group] of owners) {
      // the same order every time, so two batches over shared rows lock them in the same order
      group.sort((a, b) => (a.row.connection_id < b.row.connection_id ? -1 : 1));
      const column = <T>(f: (i: Settle) => T): T[] => group.map(f);
      const [result]: { settled: string[] }[] = await this.dataSource.query(SETTLE_MANY_SQL, [
        owner,
        column((i) => i.row.connection_id),
        column((i) => i.row.lease_token),
        column((i) => i.s.state),
        column((i) => i.s.nextDueAt),
        column((i) => i.s.attempts),
        column((i) => i.s.outcome),
        column((i) => i.s.credential?.version ?? null),
        column((i) => i.s.credential?.expiresAt ?? null),
        column((i) => i.s.credential?.refreshExpiresAt ?? null),
        column((i) => i.s.credential?.refreshable ?? null),
        column((i) => i.s.credential?.issuedAt ?? null),
        column((i) => i.s.ladder !== undefined),
        column((i) => i.s.ladder?.warnAt ?? null),
        column((i) => i.s.ladder?.cause ?? null),
        column((i) => i.s.ladder?.targetAt ?? null),
        column((i) => i.s.ladder?.generation ?? null),
        ...timelineColumnParams(group.map((i) => i.attempt)),
      ]);
      for (const id of result.settled) settled.add(id);
    }
    return items.map((i) => settled.has(i.row.connection_id));
  }
}

interface Settle {
  owner: string;
  row: ClaimedRow;
  s: Settlement;
  attempt: TimelineRecord;
}

/** `settle` for many rows: `$1` the owner, one array per settlement field, then the attempts. */
const SETTLE_MANY_SQL = `
  WITH v AS (
    SELECT * FROM unnest($2::uuid[], $3::bigint[], $4::text[], $5::timestamptz[], $6::int[],
      $7::text[], $8::int[], $9::timestamptz[], $10::timestamptz[], $11::boolean[],
      $12::timestamptz[], $13::boolean[], $14::timestamptz[], $15::text[], $16::timestamptz[],
      $17::text[])
    AS v(cid, lease_token, state, next_due_at, attempts, outcome, version, expires_at,
      refresh_expires_at, refreshable, issued_at, set_ladder, warn_at, warn_cause, warn_target,
      warn_generation)),
  settled AS (
    UPDATE refresh_scheduler.schedule s SET
      state = v.state, next_due_at = v.next_due_at, attempts = v.attempts, last_outcome = v.outcome,
      credential_version = GREATEST(s.credential_version, COALESCE(v.version, s.credential_version)),
      expires_at = CASE WHEN v.version IS NULL THEN s.expires_at ELSE v.expires_at END,
      refresh_expires_at = CASE WHEN v.version IS NULL THEN s.refresh_expires_at
        ELSE v.refresh_expires_at END,
      refreshable = CASE WHEN v.version IS NULL THEN s.refreshable ELSE v.refreshable END,
      issued_at = CASE WHEN v.version IS NULL THEN s.issued_at ELSE v.issued_at END,
      warn_at = CASE WHEN v.set_ladder THEN v.warn_at ELSE s.warn_at END,
      warn_cause = CASE WHEN v.set_ladder THEN v.warn_cause ELSE s.warn_cause END,
      warn_target = CASE WHEN v.set_ladder THEN v.warn_target ELSE s.warn_target END,
      warn_generation = CASE WHEN v.set_ladder THEN v.warn_generation ELSE s.warn_generation END,
      lease_owner = NULL, updated_at = now()
    FROM v
    WHERE s.connection_id = v.cid AND s.lease_owner = $1 AND s.lease_token = v.lease_token
    RETURNING s.connection_id),
  t AS (
    INSERT INTO refresh_scheduler.timeline (${TIMELINE_COLUMNS})
    SELECT * FROM ${timelineUnnest(18)})
  SELECT ARRAY(SELECT connection_id::text FROM settled) AS settled`;

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

import { TickBatcher } from '@switchboard/platform';
import { DataSource } from 'typeorm';
import {
  CREDENTIAL_COLUMNS,
  toCredentialRow,
  type CredentialRecord,
  type CredentialRow,
} from '../credentials/credential.row';
import { pgPoolOf, type PgPool } from '../pg-pool';

export interface LockGrant {
  fence: string;
  version: number;
}

const FREE = `status = 'active' AND (lock_until IS NULL OR lock_until < now())`;
const TAKE = `lock_token = lock_token + 1,
  lock_until = now() + make_interval(secs => $2::double precision / 1000)`;

const ACQUIRE_SQL = `UPDATE token_vault.credential SET ${TAKE}
  WHERE connection_id = $1 AND ${FREE}
  RETURNING lock_token, version`;

/** Many connections' locks and rows in one statement: `$1` connection ids, `$3` their teams. */
const ACQUIRE_WITH_ROWS_SQL = `UPDATE token_vault.credential SET ${TAKE}
  FROM unnest($1::uuid[], $3::uuid[]) AS want(cid, tid)
  WHERE connection_id = want.cid AND team_id = want.tid AND ${FREE}
  RETURNING lock_token, ${CREDENTIAL_COLUMNS}`;

type Locked = { grant: LockGrant; row: CredentialRow } | null;
interface Wanted {
  connectionId: string;
  teamId: string;
}

const RELEASE_SQL = `UPDATE token_vault.credential SET lock_until = NULL
  WHERE connection_id = $1 AND lock_token = $2`;

/**
 * The per-connection refresh lock, held in the credential row so every vault replica sees it.
 * Each acquisition increments `lock_token` (the fencing token); writes that carry an older token
 * are rejected, so a holder whose lease lapsed can never overwrite newer tokens.
 */
export class RefreshLock {
  private readonly pool: PgPool;
  private readonly withRows: TickBatcher<Wanted, Locked>;

  constructor(
    dataSource: DataSource,
    private readonly ttlMs: number,
  ) {
    this.pool = pgPoolOf(dataSource);
    this.withRows = new TickBatcher((wanted) => this.acquireMany(wanted), {
      name: 'vault_refresh_lock',
    });
  }

  async tryAcquire(connectionId: string): Promise<LockGrant | null> {
    const { rows } = await this.pool.query<{ lock_token: string; version: number }>({
      name: 'vault_refresh_lock',
      text: ACQUIRE_SQL,
      values: [connectionId, this.ttlMs],
    });
    const row = rows[0];
    return row ? { fence: String(row.lock_token), version: row.version } : null;
  }

  /**
   * The lock and the row it guards in one statement — the common case of a refresh, where nobody
   * else holds the lock. `null` when the row is locked, not active, or not this team's.
   */
  acquireWithRow(connectionId: string, teamId: string): Promise<Locked> {
    return this.withRows.run({ connectionId, teamId });
  }

  /** The locks wanted in one event-loop turn, taken in one statement. */
  private async acquireMany(wanted: readonly Wanted[]): Promise<Locked[]> {
    // the same order every time, so two batches over shared rows lock them in the same order
    const sorted = [...wanted].sort((a, b) => (a.connectionId < b.connectionId ? -1 : 1));
    const { rows } = await this.pool.query<CredentialRecord & { lock_token: string }>({
      name: 'vault_refresh_lock_rows',
      text: ACQUIRE_WITH_ROWS_SQL,
      values: [sorted.map((w) => w.connectionId), this.ttlMs, sorted.map((w) => w.teamId)],
    });
    const byId = new Map(rows.map((r) => [r.connection_id, r]));
    return wanted.map((w) => {
      const record = byId.get(w.connectionId);
      // the same connection twice in a batch: only the first caller holds the lock
      if (!record || record.team_id !== w.teamId) return null;
      byId.delete(w.connectionId);
      const row = toCredentialRow(record);
      return { grant: { fence: String(record.lock_token), version: row.version }, row };
    });
  }

  async release(connectionId: string, fence: string): Promise<void> {
    await this.pool.query({
      name: 'vault_refresh_unlock',
      text: RELEASE_SQL,
      values: [connectionId, fence],
    });
  }
}

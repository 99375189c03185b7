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

const ACQUIRE_WITH_ROW_SQL = `UPDATE token_vault.credential SET ${TAKE}
  WHERE connection_id = $1 AND team_id = $3 AND ${FREE}
  RETURNING lock_token, ${CREDENTIAL_COLUMNS}`;

const RELEASE_SQL = `UPDATE token_vault.credential SET lock_until = NULL
  WHERE connection_id = $1 AND lock_token = $2`;

/**
 * The per-connection refresh lock, held in the credential row so every vault replica sees it.
 * Each acquisition increments `lock_token` (the fencing token); writes that carry an older token
 * are rejected, so a holder whose lease lapsed can never overwrite newer tokens.
 */
export class RefreshLock {
  private readonly pool: PgPool;

  constructor(
    dataSource: DataSource,
    private readonly ttlMs: number,
  ) {
    this.pool = pgPoolOf(dataSource);
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
  async acquireWithRow(
    connectionId: string,
    teamId: string,
  ): Promise<{ grant: LockGrant; row: CredentialRow } | null> {
    const { rows } = await this.pool.query<CredentialRecord & { lock_token: string }>({
      name: 'vault_refresh_lock_row',
      text: ACQUIRE_WITH_ROW_SQL,
      values: [connectionId, this.ttlMs, teamId],
    });
    const record = rows[0];
    if (!record) return null;
    const row = toCredentialRow(record);
    return { grant: { fence: String(record.lock_token), version: row.version }, row };
  }

  async release(connectionId: string, fence: string): Promise<void> {
    await this.pool.query({
      name: 'vault_refresh_unlock',
      text: RELEASE_SQL,
      values: [connectionId, fence],
    });
  }
}

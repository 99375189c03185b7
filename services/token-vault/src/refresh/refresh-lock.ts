import { DataSource } from 'typeorm';

export interface LockGrant {
  fence: string;
  version: number;
}

/**
 * The per-connection refresh lock, held in the credential row so every vault replica sees it.
 * Each acquisition increments `lock_token` (the fencing token); writes that carry an older token
 * are rejected, so a holder whose lease lapsed can never overwrite newer tokens.
 */
export class RefreshLock {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ttlMs: number,
  ) {}

  async tryAcquire(connectionId: string): Promise<LockGrant | null> {
    // TypeORM answers an UPDATE … RETURNING with [rows, count]
    const [rows]: [{ lock_token: string; version: number }[], number] = await this.dataSource.query(
      `UPDATE token_vault.credential
         SET lock_token = lock_token + 1, lock_until = now() + make_interval(secs => $2::double precision / 1000)
       WHERE connection_id = $1 AND status = 'active' AND (lock_until IS NULL OR lock_until < now())
       RETURNING lock_token, version`,
      [connectionId, this.ttlMs],
    );
    const row = rows[0];
    return row ? { fence: String(row.lock_token), version: row.version } : null;
  }

  async release(connectionId: string, fence: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE token_vault.credential SET lock_until = NULL WHERE connection_id = $1 AND lock_token = $2`,
      [connectionId, fence],
    );
  }
}

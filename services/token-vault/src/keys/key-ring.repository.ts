import { Injectable } from '@nestjs/common';
import type { KeyState } from '@switchboard/contracts';
import { DataSource, type EntityManager } from 'typeorm';

export interface KeyRingRow {
  kekId: string;
  state: KeyState;
  createdAt: Date;
  activatedAt: Date | null;
  deactivatedAt: Date | null;
  retiredAt: Date | null;
}

interface KeyRingRecord {
  kek_id: string;
  state: KeyState;
  created_at: Date;
  activated_at: Date | null;
  deactivated_at: Date | null;
  retired_at: Date | null;
}

const toRow = (r: KeyRingRecord): KeyRingRow => ({
  kekId: r.kek_id,
  state: r.state,
  createdAt: r.created_at,
  activatedAt: r.activated_at,
  deactivatedAt: r.deactivated_at,
  retiredAt: r.retired_at,
});

type Runner = DataSource | EntityManager;

/** `token_vault.key_ring`: which key is active, which are only for decrypting, which are retired. */
@Injectable()
export class KeyRingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async all(q: Runner = this.dataSource, lock = false): Promise<KeyRingRow[]> {
    const rows: KeyRingRecord[] = await q.query(
      `SELECT * FROM token_vault.key_ring ORDER BY created_at, kek_id${lock ? ' FOR UPDATE' : ''}`,
    );
    return rows.map(toRow);
  }

  async activeId(q: Runner = this.dataSource): Promise<string | null> {
    const rows: { kek_id: string }[] = await q.query(
      `SELECT kek_id FROM token_vault.key_ring WHERE state = 'active'`,
    );
    return rows[0]?.kek_id ?? null;
  }

  /**
   * The active key, share-locked until the transaction ends: a rotation (which updates that row)
   * waits for writes sealing under it, and writes after the rotation see the new key.
   */
  async activeIdForShare(tx: EntityManager): Promise<string | null> {
    // A rotation committing while we wait makes the old row stop matching; a new statement sees the new one.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const rows: { kek_id: string }[] = await tx.query(
        `SELECT kek_id FROM token_vault.key_ring WHERE state = 'active' FOR SHARE`,
      );
      if (rows[0]) return rows[0].kek_id;
    }
    return null;
  }

  async decryptOnlyIds(q: Runner = this.dataSource): Promise<string[]> {
    const rows: { kek_id: string }[] = await q.query(
      `SELECT kek_id FROM token_vault.key_ring WHERE state = 'decrypt_only'`,
    );
    return rows.map((r) => r.kek_id);
  }

  async addDecryptOnly(tx: EntityManager, kekIds: string[]): Promise<void> {
    if (kekIds.length === 0) return;
    await tx.query(
      `INSERT INTO token_vault.key_ring (kek_id, state)
       SELECT unnest($1::text[]), 'decrypt_only' ON CONFLICT (kek_id) DO NOTHING`,
      [kekIds],
    );
  }

  async activate(tx: EntityManager, kekId: string): Promise<void> {
    await tx.query(
      `UPDATE token_vault.key_ring SET state = 'decrypt_only', deactivated_at = now()
        WHERE state = 'active' AND kek_id <> $1`,
      [kekId],
    );
    await tx.query(
      `INSERT INTO token_vault.key_ring (kek_id, state, activated_at) VALUES ($1, 'active', now())
       ON CONFLICT (kek_id) DO UPDATE SET state = 'active', activated_at = now(), deactivated_at = NULL`,
      [kekId],
    );
  }

  async retire(tx: EntityManager, kekId: string): Promise<Date> {
    const [rows]: [{ retired_at: Date }[], number] = await tx.query(
      `UPDATE token_vault.key_ring SET state = 'retired', retired_at = now()
        WHERE kek_id = $1 RETURNING retired_at`,
      [kekId],
    );
    return rows[0].retired_at;
  }
}

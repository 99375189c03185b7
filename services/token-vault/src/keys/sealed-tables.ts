import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

const REDISCOVER_MS = 60_000;

/**
 * Every table of the vault's schema that holds envelope-sealed items (it has `kek_id` and
 * `wrapped_key` columns): credentials, grants, and whatever is sealed next. Rotation, retirement
 * checks and usage counts cover all of them without knowing their names.
 */
@Injectable()
export class SealedTables {
  private tables: string[] = [];
  private discoveredAt = 0;

  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<string[]> {
    if (Date.now() - this.discoveredAt < REDISCOVER_MS && this.tables.length > 0)
      return this.tables;
    const rows: { table_name: string }[] = await this.dataSource.query(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'token_vault' AND column_name IN ('kek_id', 'wrapped_key')
        GROUP BY table_name HAVING count(*) = 2 ORDER BY table_name`,
    );
    this.tables = rows.map((r) => r.table_name);
    this.discoveredAt = Date.now();
    return this.tables;
  }

  /** How many sealed items each key id wraps, across every sealed table. */
  async usage(tx?: EntityManager): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const table of await this.list()) {
      const rows: { kek_id: string; n: string }[] = await (tx ?? this.dataSource).query(
        `SELECT kek_id, count(*) AS n FROM ${qualified(table)} WHERE kek_id IS NOT NULL GROUP BY kek_id`,
      );
      for (const r of rows) counts.set(r.kek_id, (counts.get(r.kek_id) ?? 0) + Number(r.n));
    }
    return counts;
  }

  /** Sealed items one key wraps (index scan on each table's kek_id). */
  async usageOf(kekId: string, tx?: EntityManager): Promise<number> {
    let total = 0;
    for (const table of await this.list()) {
      const rows: { n: string }[] = await (tx ?? this.dataSource).query(
        `SELECT count(*) AS n FROM ${qualified(table)} WHERE kek_id = $1`,
        [kekId],
      );
      total += Number(rows[0]?.n ?? 0);
    }
    return total;
  }
}

/** Table names come from the catalog, never from input; quoted all the same. */
export function qualified(table: string): string {
  return `token_vault."${table.replace(/"/g, '""')}"`;
}

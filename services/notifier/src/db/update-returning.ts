import type { DataSource, EntityManager } from 'typeorm';

/**
 * TypeORM's PostgreSQL driver answers `UPDATE … RETURNING` (and DELETE) with `[rows, affected]`
 * rather than the rows alone; this gives the rows either way.
 */
export async function updateReturning<R>(
  db: DataSource | EntityManager,
  sql: string,
  params: unknown[],
): Promise<R[]> {
  const result: unknown = await db.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as R[];
  }
  return result as R[];
}

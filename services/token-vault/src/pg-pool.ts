import type { DataSource } from 'typeorm';

/** The slice of node-postgres' Pool the hot paths use: named prepared statements. */
export interface PgPool {
  query<R>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

/**
 * TypeORM's own connection pool, used directly: a named prepared statement is parsed and planned
 * once per connection, and a call costs one round trip with no query runner around it. On this
 * kind of machine a socket write costs more than the rest of a statement, so the token read and
 * refresh paths count their statements.
 */
export function pgPoolOf(dataSource: DataSource): PgPool {
  return (dataSource.driver as unknown as { master: PgPool }).master;
}

import { Client } from 'pg';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';

export interface ServiceDataSourceOptions {
  url: string;
  /** The service's own schema: every table it owns lives there. */
  schema: string;
  entities: MixedList<string | (new () => unknown) | EntitySchema>;
  migrations: MixedList<string | (new () => unknown)>;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

export function dataSourceOptions(opts: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: opts.url,
    schema: opts.schema,
    entities: opts.entities,
    migrations: opts.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: {
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      // keeps a dead connection from hanging a request after a PostgreSQL restart
      keepAlive: true,
      application_name: opts.schema,
    },
  };
}

/** Creates the schema, then runs the service's migrations under an advisory lock (safe with replicas). */
export async function migrate(opts: ServiceDataSourceOptions): Promise<void> {
  const client = new Client({ connectionString: opts.url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`migrate:${opts.schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema.replace(/"/g, '')}"`);
    const ds = new DataSource({ ...dataSourceOptions(opts), poolSize: 1 } as DataSourceOptions);
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrate:${opts.schema}`]);
    await client.end();
  }
}

import { Client } from 'pg';
import { describeError, errorCode } from '../describe-error';
import { quoteIdent, redactUrl } from './pg-url';

/** Runs `work` with a connected client and always closes it. */
export async function withClient<T>(
  url: string,
  work: (client: Client) => Promise<T>,
  connectTimeoutMs = 5_000,
): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(`cannot connect to ${redactUrl(url)}: ${describeError(error)}`, {
      cause: error,
    });
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function databaseExists(client: Client, name: string): Promise<boolean> {
  const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return (result.rowCount ?? 0) > 0;
}

export async function createDatabaseIfMissing(client: Client, name: string): Promise<boolean> {
  if (await databaseExists(client, name)) return false;
  try {
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } catch (error) {
    // another process created it between the check and here
    if (pgCode(error) === '42P04') return false;
    throw error;
  }
  return true;
}

/** Terminates the database's sessions and drops it (no error when it is already gone). */
export async function dropDatabase(client: Client, name: string): Promise<void> {
  await client.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [name],
  );
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } catch (error) {
    if (pgCode(error) !== '42601') throw error;
    // PostgreSQL < 13 has no WITH (FORCE)
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
  }
}

/** The SQLSTATE of a pg error, if it is one. */
export function pgCode(error: unknown): string | undefined {
  return errorCode(error);
}

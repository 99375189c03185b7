import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createDatabaseIfMissing, dropDatabase, withClient } from './pg-admin';
import { redactUrl, withDatabase } from './pg-url';
import { describeError } from '../describe-error';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Connection URL of the new database. */
  readonly url: string;
  readonly name: string;
  /** Terminates its connections and drops it. */
  drop(): Promise<void>;
}

export interface TestPostgres {
  /** The server URL that was resolved (its database is used for CREATE/DROP DATABASE). */
  readonly url: string;
  /** A fresh, uniquely named database (`sbt_<prefix>_<random>`). */
  createDatabase(prefix?: string): Promise<TestDatabase>;
}

export interface TestPostgresOptions {
  /** Use this URL instead of DATABASE_URL / the default. */
  url?: string;
  /** Default 5 000 ms. */
  connectTimeoutMs?: number;
}

/**
 * The PostgreSQL server the integration tests share: `DATABASE_URL` (any database on the
 * server), else postgres://postgres@127.0.0.1:5432/postgres. Throws an error that says what was
 * tried and how to fix it when it cannot connect. Never a silent skip.
 */
export async function testPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const fromEnv = process.env['DATABASE_URL'];
  const url = options.url ?? (fromEnv || DEFAULT_DATABASE_URL);
  const origin =
    options.url !== undefined
      ? 'given'
      : fromEnv
        ? 'from DATABASE_URL'
        : 'default, DATABASE_URL unset';
  const timeout = options.connectTimeoutMs ?? 5_000;
  try {
    await withClient(url, (client) => client.query('SELECT 1'), timeout);
  } catch (error) {
    throw new Error(noPostgresMessage(url, origin, error), { cause: error });
  }
  return {
    url,
    createDatabase: async (prefix = 'db') => {
      const name = databaseName(prefix);
      await withClient(url, (client) => createDatabaseIfMissing(client, name), timeout);
      return {
        url: withDatabase(url, name),
        name,
        drop: () => withClient(url, (client) => dropDatabase(client, name), timeout),
      };
    },
  };
}

/** `sbt_<prefix>_<12 hex>`, lowercase, at most 63 bytes (PostgreSQL's identifier limit). */
export function databaseName(prefix: string): string {
  const clean = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 40);
  return `sbt_${clean || 'db'}_${randomBytes(6).toString('hex')}`;
}

function noPostgresMessage(url: string, origin: string, error: unknown): string {
  const reason = describeError(error);
  const docker =
    process.env['DOCKER_HOST'] || existsSync('/var/run/docker.sock')
      ? 'a Docker engine seems reachable here'
      : 'no Docker engine found here either';
  return [
    `No PostgreSQL for the tests: tried ${redactUrl(url)} (${origin}): ${reason}.`,
    'Fix one of:',
    '  - set DATABASE_URL to a PostgreSQL server where the test user may CREATE DATABASE,',
    '    e.g. DATABASE_URL=postgres://postgres:secret@127.0.0.1:5432/postgres;',
    '  - start PostgreSQL on 127.0.0.1:5432 with user "postgres" (Debian/Ubuntu:',
    '    `apt-get install postgresql && service postgresql start`, then allow the connection in',
    '    pg_hba.conf or set a password and put it in DATABASE_URL).',
    `Testcontainers fallback: not implemented (${docker}); with Docker, run`,
    '  `docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:17`',
    '  and set DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres.',
  ].join('\n');
}

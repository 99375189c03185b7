import { Client } from 'pg';
import {
  createDatabaseIfMissing,
  databaseOf,
  describeError,
  errorCause,
  freePort,
  isPortFree,
  pgCode,
  redactUrl,
  startPostgres,
  withClient,
  withDatabase,
} from '@switchboard/testing';
import { DevError } from './dev-error';
import type { Infra } from './infra';

export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface DevPostgresOptions {
  /** DATABASE_URL, when set: used as is (its database is created if missing). */
  databaseUrl: string | undefined;
  /** Probed when DATABASE_URL is unset. Default postgres://postgres@127.0.0.1:5432/postgres. */
  localUrl?: string;
  /** Database created on the local or embedded server. Default `switchboard`. */
  databaseName?: string;
  embedded: {
    /** Kept across runs (initialised on first use). */
    dataDir: string;
    /** Used when free, else any free port. Default 5433. */
    port?: number;
    password: string;
  };
  log(message: string): void;
}

/** DATABASE_URL, else PostgreSQL on localhost:5432, else an embedded one in .dev/postgres. */
export async function resolveDevPostgres(options: DevPostgresOptions): Promise<Infra> {
  const name = options.databaseName ?? 'switchboard';
  if (options.databaseUrl !== undefined) {
    try {
      await ensureDatabase(options.databaseUrl);
    } catch (error) {
      throw new DevError(
        `DATABASE_URL (${redactUrl(options.databaseUrl)}) does not work: ${describeError(error)}.\n` +
          'Fix it, or unset it to let dev mode use PostgreSQL on 127.0.0.1:5432 or start an embedded one.',
      );
    }
    return { url: options.databaseUrl, origin: 'DATABASE_URL', stop: () => Promise.resolve() };
  }

  const localUrl = options.localUrl ?? LOCAL_POSTGRES_URL;
  const local = await probe(localUrl);
  if (local.kind === 'ok') {
    const url = withDatabase(localUrl, name);
    await ensureDatabase(url);
    const { host } = new URL(localUrl);
    return { url, origin: `local server ${host}`, stop: () => Promise.resolve() };
  }
  if (local.kind === 'unusable') {
    options.log(
      `PostgreSQL at ${redactUrl(localUrl)} answers but cannot be used (${local.reason}); ` +
        'starting an embedded one instead (set DATABASE_URL to use that server).',
    );
  }
  return startEmbedded(options, name);
}

async function startEmbedded(options: DevPostgresOptions, name: string): Promise<Infra> {
  const preferred = options.embedded.port ?? 5433;
  const port = (await isPortFree(preferred)) ? preferred : await freePort();
  options.log(`starting embedded PostgreSQL on port ${port} (data in ${options.embedded.dataDir})`);
  let pg;
  try {
    pg = await startPostgres({
      port,
      dataDir: options.embedded.dataDir,
      password: options.embedded.password,
      durable: true,
      detached: true,
    });
  } catch (error) {
    throw new DevError(
      `Could not start an embedded PostgreSQL: ${describeError(error)}\n` +
        'Get a PostgreSQL another way: set DATABASE_URL=postgres://user:password@host:5432/switchboard, ' +
        'or run one on 127.0.0.1:5432 that accepts user "postgres" (Debian/Ubuntu: ' +
        '`apt-get install postgresql`). If .dev/secrets.json was deleted after .dev/postgres was ' +
        'created, the stored password no longer matches: delete .dev/postgres too.',
    );
  }
  const url = withDatabase(pg.url, name);
  try {
    await ensureDatabase(url);
  } catch (error) {
    await pg.stop();
    throw new DevError(`Embedded PostgreSQL started but is not usable: ${describeError(error)}`);
  }
  const initNote = pg.timings.initMs === null ? '' : `, initialised in ${pg.timings.initMs} ms`;
  options.log(`embedded PostgreSQL ready in ${pg.timings.totalMs} ms${initNote}`);
  return { url, origin: `embedded, port ${port}, .dev/postgres`, stop: () => pg.stop() };
}

type ProbeResult = { kind: 'ok' } | { kind: 'refused' } | { kind: 'unusable'; reason: string };

/** Usable, nothing there, or a server that answered but cannot be used (and why). */
async function probe(url: string): Promise<ProbeResult> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { kind: 'ok' };
  } catch (error) {
    const text = describeError(error);
    return /ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|timeout/i.test(text)
      ? { kind: 'refused' }
      : { kind: 'unusable', reason: text };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Connects to the URL's database, creating it (from the server's `postgres` db) if missing. */
export async function ensureDatabase(url: string): Promise<void> {
  try {
    await withClient(url, (client) => client.query('SELECT 1'));
    return;
  } catch (error) {
    // 3D000 = invalid_catalog_name: the server is fine, the database is missing
    if (pgCode(errorCause(error)) !== '3D000') throw error;
  }
  await withClient(withDatabase(url, 'postgres'), (client) =>
    createDatabaseIfMissing(client, databaseOf(url)),
  );
}

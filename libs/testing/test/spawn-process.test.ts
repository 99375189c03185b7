import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { killAll, spawnProcess, trackedCount, waitForHttp } from '../src';

const fixture = join(__dirname, 'fixtures', 'chatty-child.ts');

afterAll(() => killAll());

describe('spawnProcess', () => {
  it('captures stdout and stderr lines, passes only a minimal env, and stops on SIGTERM', async () => {
    process.env['SB_PARENT_ONLY'] = 'leaked';
    try {
      const child = await spawnProcess({ name: 'chatty', entry: fixture, env: { GIVEN: 'yes' } });
      expect(child.pid).toBeGreaterThan(0);
      const ready = await child.waitForLine(/ready pid=\d+/, 20_000);
      expect(ready).toBe(`ready pid=${child.pid}`);
      expect(child.lines).toEqual(
        expect.arrayContaining([
          'hello from normal',
          'a line on stderr',
          'inherited=none',
          'given=yes',
          'partial line without newline',
        ]),
      );
      // an already printed line resolves at once
      await expect(child.waitForLine(/^hello/, 10)).resolves.toBe('hello from normal');
      await child.stop();
      await expect(child.exited).resolves.toEqual({ code: 0, signal: null });
      expect(child.lines).toContain('bye');
    } finally {
      delete process.env['SB_PARENT_ONLY'];
    }
  });

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const child = await spawnProcess({
      name: 'stubborn',
      entry: fixture,
      env: { CHILD_MODE: 'stubborn' },
    });
    await child.waitForLine(/ready pid=/, 20_000);
    const began = Date.now();
    await child.stop(500);
    expect(Date.now() - began).toBeGreaterThanOrEqual(450);
    await expect(child.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
    expect(child.lines).toContain('ignoring SIGTERM');
  });

  it('rejects waitForLine on timeout and when the process exits first', async () => {
    const child = await spawnProcess({ name: 'waiter', entry: fixture });
    await expect(child.waitForLine(/never printed/, 100)).rejects.toThrow(
      /timed out after 100ms waiting for waiter/,
    );
    const pending = child.waitForLine(/never printed/, 20_000);
    await child.kill();
    await expect(pending).rejects.toThrow(/waiter exited \(code null, signal SIGKILL\)/);
  });

  it('killAll ends every tracked process', async () => {
    const a = await spawnProcess({ name: 'a', entry: fixture });
    const b = await spawnProcess({ name: 'b', entry: fixture, env: { CHILD_MODE: 'stubborn' } });
    expect(trackedCount()).toBeGreaterThanOrEqual(2);
    await killAll();
    await expect(a.exited).resolves.toMatchObject({ signal: 'SIGKILL' });
    await expect(b.exited).resolves.toMatchObject({ signal: 'SIGKILL' });
    expect(trackedCount()).toBe(0);
  });

  it('reports a missing entry point through exited', async () => {
    const child = await spawnProcess({ name: 'missing', entry: 'does/not/exist.ts' });
    const exit = await child.exited;
    expect(exit.code).not.toBe(0);
    expect(child.lines.join('\n')).toMatch(/Cannot find module/);
  });
});

describe('waitForHttp', () => {
  let server: Server;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.statusCode = hits < 3 ? 503 : 200;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('polls until the expected status', async () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await waitForHttp(`http://127.0.0.1:${port}/health/ready`, {
      timeoutMs: 5_000,
      intervalMs: 20,
    });
    expect(hits).toBe(3);
  });

  it('times out with the last answer', async () => {
    await expect(
      waitForHttp('http://127.0.0.1:1/health/ready', { timeoutMs: 300, intervalMs: 50 }),
    ).rejects.toThrow(/timed out after 300ms waiting for GET http:\/\/127.0.0.1:1\/health\/ready/);
  });
});

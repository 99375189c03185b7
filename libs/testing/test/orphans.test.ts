import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive, minimalEnv, repoRoot, spawnManaged, waitFor } from '../src';

const alive = isProcessAlive;

describe('processes started through the library', () => {
  it('do not outlive a SIGKILLed owner (nats-server, PostgreSQL, node children)', async () => {
    const owner = await spawnManaged({
      name: 'owner',
      command: process.execPath,
      args: [
        '-r',
        join(repoRoot(), 'tools', 'register.js'),
        join(__dirname, 'fixtures', 'parent-of-children.ts'),
      ],
      env: minimalEnv(),
      exitWithParent: false,
    });
    const line = await owner.waitForLine(/^PIDS /, 60_000);
    const [, nats, child, pgDir, natsDir] =
      /nats=(\d+) child=(\d+) pgdir=(\S+) natsdir=(\S+)/.exec(line) ?? [];
    const postmaster = Number(
      (await readFile(join(pgDir, 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    const pids = [Number(nats), Number(child), postmaster];
    expect(pids.every(alive)).toBe(true);

    try {
      await owner.kill();
      await waitFor(() => pids.every((pid) => !alive(pid)), {
        what: 'nats-server, PostgreSQL and the node child to exit after their owner was SIGKILLed',
        timeoutMs: 30_000,
        intervalMs: 200,
      });
    } finally {
      await rm(pgDir, { recursive: true, force: true });
      await rm(natsDir, { recursive: true, force: true });
    }
  });
});

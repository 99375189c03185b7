import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkJetStream, freePort, testNatsUrl } from '@switchboard/testing';
import { DevError } from '../src/dev-error';
import { resolveDevNats } from '../src/nats';

describe('dev NATS detection', () => {
  const log = jest.fn();

  it('starts its own nats-server -js when nothing answers on the local URL', async () => {
    const storeDir = await mkdtemp(join(tmpdir(), 'sb-dev-nats-'));
    const closedPort = await freePort();
    const port = await freePort();
    try {
      const nats = await resolveDevNats({
        natsUrl: undefined,
        localUrl: `nats://127.0.0.1:${closedPort}`,
        port,
        storeDir,
        log,
      });
      expect(nats.url).toBe(`nats://127.0.0.1:${port}`);
      expect(nats.origin).toBe(`nats-server, port ${port}, .dev/nats`);
      await checkJetStream(nats.url);
      await nats.stop();
      await expect(checkJetStream(nats.url, 500)).rejects.toThrow(/cannot connect/);
    } finally {
      await rm(storeDir, { recursive: true, force: true });
    }
  });

  it('uses a JetStream server that answers on the local URL and never stops it', async () => {
    const shared = await testNatsUrl();
    const nats = await resolveDevNats({
      natsUrl: undefined,
      localUrl: shared,
      storeDir: '/nonexistent',
      log,
    });
    expect(nats.url).toBe(shared);
    expect(nats.origin).toMatch(/^local server /);
    await nats.stop();
    await checkJetStream(shared);
  });

  it('explains a NATS_URL that does not answer', async () => {
    const port = await freePort();
    await expect(
      resolveDevNats({ natsUrl: `nats://127.0.0.1:${port}`, storeDir: '/nonexistent', log }),
    ).rejects.toThrow(DevError);
    await expect(
      resolveDevNats({ natsUrl: `nats://127.0.0.1:${port}`, storeDir: '/nonexistent', log }),
    ).rejects.toThrow(/NATS_URL does not work: cannot connect .*CONNECTION_REFUSED/);
  });
});

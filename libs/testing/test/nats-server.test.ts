import { existsSync } from 'node:fs';
import { connect, type NatsConnection } from 'nats';
import { checkJetStream, sleep, startNatsServer, uniqueNamespace, type OwnNats } from '../src';

describe('startNatsServer', () => {
  let nats: OwnNats;
  beforeAll(async () => {
    nats = await startNatsServer();
  });
  afterAll(() => nats.close());

  async function withConnection<T>(work: (nc: NatsConnection) => Promise<T>): Promise<T> {
    const nc = await connect({ servers: nats.url, reconnect: false });
    try {
      return await work(nc);
    } finally {
      await nc.close();
    }
  }

  async function messageCount(stream: string): Promise<number> {
    return withConnection(async (nc) => {
      const jsm = await nc.jetstreamManager();
      return (await jsm.streams.info(stream)).state.messages;
    });
  }

  it('keeps a stream and its messages across a stop of 2 s and a restart on the same port', async () => {
    const ns = uniqueNamespace();
    const stream = `${ns}_events`;
    await withConnection(async (nc) => {
      const jsm = await nc.jetstreamManager();
      await jsm.streams.add({ name: stream, subjects: [`${ns}.>`] });
      const js = nc.jetstream();
      for (let i = 0; i < 5; i++)
        await js.publish(`${ns}.thing`, new TextEncoder().encode(`m${i}`));
    });
    expect(await messageCount(stream)).toBe(5);

    await nats.stop();
    await expect(checkJetStream(nats.url, 500)).rejects.toThrow(/cannot connect/);
    await sleep(2_000);
    await expect(checkJetStream(nats.url, 500)).rejects.toThrow(/cannot connect/);

    await nats.start();
    expect(nats.url).toBe(`nats://127.0.0.1:${nats.port}`);
    expect(await messageCount(stream)).toBe(5);
    const last = await withConnection(async (nc) => {
      const jsm = await nc.jetstreamManager();
      const message = await jsm.streams.getMessage(stream, { last_by_subj: `${ns}.thing` });
      return new TextDecoder().decode(message.data);
    });
    expect(last).toBe('m4');
  });

  it('keeps acknowledged messages across a SIGKILL', async () => {
    const ns = uniqueNamespace('k');
    await withConnection(async (nc) => {
      const jsm = await nc.jetstreamManager();
      await jsm.streams.add({ name: ns, subjects: [`${ns}.>`] });
      await nc.jetstream().publish(`${ns}.x`, new TextEncoder().encode('kept'));
    });
    await nats.kill();
    await nats.start();
    expect(await messageCount(ns)).toBe(1);
  });

  it('close() stops the server and removes the store dir', async () => {
    const other = await startNatsServer();
    expect(existsSync(other.storeDir)).toBe(true);
    await other.close();
    expect(existsSync(other.storeDir)).toBe(false);
    await expect(checkJetStream(other.url, 500)).rejects.toThrow(/cannot connect/);
  });

  it('refuses a port that is already taken', async () => {
    await expect(startNatsServer({ port: nats.port })).rejects.toThrow(/already in use/);
  });
});

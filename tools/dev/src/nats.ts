import {
  checkJetStream,
  describeError,
  findNatsServerBinary,
  freePort,
  isPortFree,
  startNatsServer,
} from '@switchboard/testing';
import { DevError } from './dev-error';
import type { Infra } from './infra';

export const LOCAL_NATS_URL = 'nats://127.0.0.1:4222';

export interface DevNatsOptions {
  /** NATS_URL, when set: must answer with JetStream. */
  natsUrl: string | undefined;
  /** Probed when NATS_URL is unset. Default nats://127.0.0.1:4222. */
  localUrl?: string;
  /** Port for a nats-server dev mode starts: used when free, else any free port. Default 4222. */
  port?: number;
  /** JetStream store of a nats-server dev mode starts (kept across runs). */
  storeDir: string;
  log(message: string): void;
}

/** NATS_URL, else a JetStream-enabled NATS on localhost:4222, else `nats-server -js` from PATH. */
export async function resolveDevNats(options: DevNatsOptions): Promise<Infra> {
  if (options.natsUrl !== undefined) {
    try {
      await checkJetStream(options.natsUrl);
    } catch (error) {
      throw new DevError(
        `NATS_URL does not work: ${describeError(error)}.\n` +
          'Fix it, or unset it to let dev mode use nats://127.0.0.1:4222 or start nats-server.',
      );
    }
    return { url: options.natsUrl, origin: 'NATS_URL', stop: () => Promise.resolve() };
  }

  const localUrl = options.localUrl ?? LOCAL_NATS_URL;
  try {
    await checkJetStream(localUrl, 2_000);
    return {
      url: localUrl,
      origin: `local server ${new URL(localUrl).host}`,
      stop: () => Promise.resolve(),
    };
  } catch (error) {
    const text = describeError(error);
    if (!/cannot connect/.test(text)) {
      options.log(`${text}; starting a nats-server of our own instead.`);
    }
  }

  let binary: string;
  try {
    binary = findNatsServerBinary();
  } catch (error) {
    throw new DevError(
      `No NATS with JetStream at ${localUrl}, and ${describeError(error)}\n` +
        'Or set NATS_URL to a NATS server with JetStream enabled.',
    );
  }
  const preferred = options.port ?? 4222;
  const port = (await isPortFree(preferred)) ? preferred : await freePort();
  options.log(`starting ${binary} -js on port ${port} (store in ${options.storeDir})`);
  try {
    const nats = await startNatsServer({ port, storeDir: options.storeDir, detached: true });
    return {
      url: nats.url,
      origin: `nats-server, port ${port}, .dev/nats`,
      stop: () => nats.stop(),
    };
  } catch (error) {
    throw new DevError(
      `Could not start nats-server: ${describeError(error)}\n` +
        'Start NATS yourself (`nats-server -js`) or set NATS_URL.',
    );
  }
}

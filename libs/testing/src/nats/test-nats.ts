import { checkJetStream } from './jetstream-probe';
import { describeError } from '../describe-error';

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export interface TestNatsOptions {
  /** Use this URL instead of NATS_URL / the default. */
  url?: string;
}

/**
 * The NATS server the integration tests share: `NATS_URL`, else nats://127.0.0.1:4222.
 * Resolves with the URL after checking it connects and JetStream answers; otherwise throws an
 * error that says what was tried and how to fix it. Never a silent skip.
 */
export async function testNatsUrl(options: TestNatsOptions = {}): Promise<string> {
  const fromEnv = process.env['NATS_URL'];
  const url = options.url ?? (fromEnv || DEFAULT_NATS_URL);
  const origin =
    options.url !== undefined ? 'given' : fromEnv ? 'from NATS_URL' : 'default, NATS_URL unset';
  try {
    await checkJetStream(url);
    return url;
  } catch (error) {
    throw new Error(noNatsMessage(url, origin, error), { cause: error });
  }
}

function noNatsMessage(url: string, origin: string, error: unknown): string {
  const reason = describeError(error);
  return [
    `No usable NATS JetStream for the tests: tried ${url} (${origin}): ${reason}.`,
    'Fix one of:',
    '  - set NATS_URL to a NATS server with JetStream enabled, e.g. NATS_URL=nats://127.0.0.1:4222;',
    '  - start one locally: `nats-server -js` (Debian/Ubuntu: `apt-get install nats-server`;',
    '    macOS: `brew install nats-server`).',
    'Testcontainers fallback: not implemented (no testcontainers dependency); with Docker, run',
    '  `docker run -d -p 4222:4222 nats:2.10 -js` and set NATS_URL.',
  ].join('\n');
}

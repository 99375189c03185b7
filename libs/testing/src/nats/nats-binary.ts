import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const FALLBACK_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin'];

/** The `nats-server` executable: from PATH, else /usr/sbin (Debian's package puts it there). */
export function findNatsServerBinary(env: NodeJS.ProcessEnv = process.env): string {
  const dirs = [...(env['PATH'] ?? '').split(delimiter).filter(Boolean), ...FALLBACK_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, 'nats-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(
    `nats-server not found on PATH or in ${FALLBACK_DIRS.join(', ')}. Install it ` +
      '(`apt-get install nats-server`, `brew install nats-server`, or a release binary from ' +
      'https://github.com/nats-io/nats-server/releases) and put it on PATH.',
  );
}

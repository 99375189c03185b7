import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, for a process the test starts next.
 * Taken from below the kernel's ephemeral range: a port the OS hands out for `listen(0)` comes
 * from the same range as the local ports of outgoing connections, and one of those (a database
 * or NATS client in any process) can take it between this check and the process's own listen —
 * which happened (EADDRINUSE). A port is never handed out twice by one test process.
 */
export async function freePort(): Promise<number> {
  const high = ephemeralLow() - 1;
  const low = Math.max(1024, high - 12_000);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = low + randomInt(high - low + 1);
    if (issued.has(port)) continue;
    if (await isPortFree(port)) {
      issued.add(port);
      return port;
    }
  }
  return osPickedPort();
}

const issued = new Set<number>();

/** The first port of the kernel's ephemeral range (Linux: 32768 unless configured otherwise). */
function ephemeralLow(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (Number.isInteger(low) && low > 2048) return low;
  } catch {
    // not Linux: the IANA dynamic range starts at 49152
    return 49_152;
  }
  return 32_768;
}

function osPickedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Whether `port` can be bound on `host` right now (false when anything listens there). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

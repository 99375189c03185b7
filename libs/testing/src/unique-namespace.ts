import { randomBytes } from 'node:crypto';

/**
 * A short unique lowercase-alphanumeric name (`t3f9a1c2`) to isolate one test run's NATS
 * subjects, stream and consumer names, queue groups… `prefix` is lowercased and stripped to
 * [a-z0-9].
 */
export function uniqueNamespace(prefix = 't'): string {
  const clean = prefix.toLowerCase().replace(/[^a-z0-9]/g, '') || 't';
  return `${clean}${randomBytes(4).toString('hex')}`;
}

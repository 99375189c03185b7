import { createHash, randomBytes } from 'node:crypto';

/** A stable digest of `parts`, as hex. */
function digest(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** A stable 8-digit id (LinkedIn organization ids are this short, and fit a JSON number). */
export function shortNumericId(...parts: readonly string[]): string {
  return String(10_000_000 + (parseInt(digest(parts).slice(0, 12), 16) % 90_000_000));
}

/** A stable opaque id of `length` base64url characters (LinkedIn `sub`, TikTok `open_id`). */
export function stableOpaqueId(length: number, ...parts: readonly string[]): string {
  return Buffer.from(digest(parts), 'hex').toString('base64url').slice(0, length);
}

/** A request/log id like TikTok's: a UTC timestamp followed by random hex. */
export function requestId(nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}${randomBytes(10).toString('hex').toUpperCase()}`;
}

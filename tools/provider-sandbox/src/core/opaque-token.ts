import { createHash, randomBytes } from 'node:crypto';

export type OpaqueTokenKind = 'code' | 'access' | 'refresh';

const PREFIXES: Record<OpaqueTokenKind, string> = {
  code: 'sbx_ac_',
  access: 'sbx_at_',
  refresh: 'sbx_rt_',
};

/** A random bearer string; the prefix tells a human reading logs what it is, nothing more. */
export function newOpaqueToken(kind: OpaqueTokenKind): string {
  return PREFIXES[kind] + randomBytes(32).toString('base64url');
}

export function newRecordId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

/**
 * A numeric id (like the ones X and Meta use) derived from its parts, so the same user name gets
 * the same ids after a reset or a restart.
 */
export function stableNumericId(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return (10n ** 17n + BigInt(`0x${hex.slice(0, 14)}`)).toString();
}

import { callbackParamPrefix, type PlatformType } from '@switchboard/contracts';
import { z } from 'zod';

/** How a flow started from a hosted page came back, read from the documented redirect parameters. */
export type PageOutcome =
  | { kind: 'success' }
  | { kind: 'select'; selectionId: string }
  | { kind: 'denied' }
  | { kind: 'invalid-state' }
  | { kind: 'limit-reached' }
  | { kind: 'permissions'; missing: string[] }
  | { kind: 'no-channels'; param: string }
  | { kind: 'error'; code: string; message: string };

export const PageOutcomeSchema: z.ZodType<PageOutcome> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('success') }),
  z.object({ kind: z.literal('select'), selectionId: z.uuid() }),
  z.object({ kind: z.literal('denied') }),
  z.object({ kind: z.literal('invalid-state') }),
  z.object({ kind: z.literal('limit-reached') }),
  z.object({ kind: z.literal('permissions'), missing: z.array(z.string()) }),
  z.object({ kind: z.literal('no-channels'), param: z.string() }),
  z.object({ kind: z.literal('error'), code: z.string(), message: z.string() }),
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (v: unknown, max: number): string => (typeof v === 'string' ? v.slice(0, max) : '');

export function parseOutcome(type: PlatformType, query: Record<string, unknown>): PageOutcome {
  const p = callbackParamPrefix(type);
  const has = (key: string) => Object.prototype.hasOwnProperty.call(query, key);
  if (query[`${p}-callback`] === 'success') return { kind: 'success' };
  const selectionId = query[`${p}-select-channel`];
  if (typeof selectionId === 'string' && UUID.test(selectionId))
    return { kind: 'select', selectionId };
  if (has(`${p}-denied`)) return { kind: 'denied' };
  if (has(`${p}-invalid-state`)) return { kind: 'invalid-state' };
  if (has(`${p}-limit-reached`)) return { kind: 'limit-reached' };
  if (has(`${p}-not-enough-permissions`)) {
    const missing = text(query.missing, 1000)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => /^[\w.:/-]{1,200}$/.test(s))
      .slice(0, 30);
    return { kind: 'permissions', missing };
  }
  const noChannels = Object.keys(query).find((k) =>
    /^[a-z-]{1,60}-not-enough-[a-z]{1,30}$/.test(k),
  );
  if (noChannels) return { kind: 'no-channels', param: noChannels };
  const code = text(query.code, 100);
  return {
    kind: 'error',
    code: /^[a-z0-9:_-]{1,100}$/.test(code) ? code : 'unknown',
    message: text(query.message, 300),
  };
}

/** The documented parameters for the product's `redirectUrl` (the back button after a flow). */
export function productParams(type: PlatformType, outcome: PageOutcome): Record<string, string> {
  const p = callbackParamPrefix(type);
  switch (outcome.kind) {
    case 'success':
    case 'select':
      return { [`${p}-callback`]: 'success' };
    case 'denied':
      return { [`${p}-denied`]: '' };
    case 'invalid-state':
      return { [`${p}-invalid-state`]: '' };
    case 'limit-reached':
      return { [`${p}-limit-reached`]: '' };
    case 'permissions':
      return { [`${p}-not-enough-permissions`]: '', missing: outcome.missing.join(',') };
    case 'no-channels':
      return { [outcome.param]: '' };
    case 'error':
      return { [`${p}-callback`]: 'error', code: outcome.code, message: outcome.message };
  }
}

/** `base` with the parameters set (never string-concatenated: `base` was validated as a URL). */
export function withParams(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

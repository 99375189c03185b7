import type { ResponseHeaders } from './http';
/**
 * Seconds to wait before calling again, from `Retry-After` (delta-seconds or an HTTP-date,
 * RFC 9110 §10.2.3) or else X's `x-rate-limit-reset` (Unix seconds). Null when neither is usable.
 */
export function retryAfterSeconds(headers: ResponseHeaders, now: Date): number | null {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
  }
  const reset = headers.get('x-rate-limit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) {
    return Math.max(0, Math.ceil(Number(reset) - now.getTime() / 1000));
  }
  return null;
}

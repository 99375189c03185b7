import { createHash } from 'node:crypto';

/**
 * The `id` of a webhook event, derived from the fact it reports (its dedupe key): every
 * subscription, retry and redelivery of one fact carries the same id, so receivers can dedupe.
 */
export function webhookEventId(dedupeKey: string): string {
  const h = createHash('sha256').update(`switchboard/webhook-event/${dedupeKey}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50; // version 5-style (name-based, SHA hashed)
  h[8] = (h[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

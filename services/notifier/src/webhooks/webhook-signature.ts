import { createHmac } from 'node:crypto';

/**
 * `x-switchboard-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed with the
 * subscription's secret (the whole `whsec_…` string). Receivers recompute it over the raw body and
 * reject old timestamps to stop replays.
 */
export function signatureHeader(secret: string, body: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

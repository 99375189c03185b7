import { createHmac } from 'node:crypto';

/**
 * Meta's `signed_request`: `<base64url(HMAC-SHA256(payload part, app secret))>.<base64url(JSON)>`,
 * as the deauthorize and data-deletion callbacks carry it.
 */
export function signRequest(payload: Readonly<Record<string, unknown>>, appSecret: string): string {
  const encodedPayload = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  const signature = createHmac('sha256', appSecret).update(encodedPayload).digest('base64url');
  return `${signature}.${encodedPayload}`;
}

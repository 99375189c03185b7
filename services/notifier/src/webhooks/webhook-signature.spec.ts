import { createHmac } from 'node:crypto';
import { SecretBox } from './secret-box';
import { webhookEventId } from './webhook-event-id';
import { signatureHeader } from './webhook-signature';

describe('webhook signing', () => {
  it('should sign "<t>.<body>" with HMAC-SHA256 of the secret, as API.md documents', () => {
    const body = JSON.stringify({ id: 'x', type: 'account.expiring' });
    const header = signatureHeader('whsec_test', body, new Date(1_700_000_000_000));
    const expected = createHmac('sha256', 'whsec_test').update(`1700000000.${body}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${expected}`);
  });

  it('should derive one stable UUID per fact', () => {
    const a = webhookEventId('refresh_failed:abc:2');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(webhookEventId('refresh_failed:abc:2')).toBe(a);
    expect(webhookEventId('refresh_failed:abc:3')).not.toBe(a);
  });

  it('should seal secrets so only the same deployment secret opens them', () => {
    const box = new SecretBox('x'.repeat(40));
    const sealed = box.seal('whsec_abc');
    expect(sealed).not.toContain('whsec_abc');
    expect(box.open(sealed)).toBe('whsec_abc');
    expect(() => new SecretBox('y'.repeat(40)).open(sealed)).toThrow();
  });
});

import { createHmac } from 'node:crypto';
import { createProviderRegistry } from '../../registry';
import { ProviderError } from '../../provider-error';

const META_TYPES = ['FACEBOOK', 'INSTAGRAM', 'INSTAGRAM_LOGIN', 'THREADS'] as const;

function signed(payload: unknown, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${createHmac('sha256', secret).update(body).digest('base64url')}.${body}`;
}

describe.each(META_TYPES)('%s push revocations', (type) => {
  const secret = `${type.toLowerCase()}-secret`;
  const adapter = createProviderRegistry({
    env: { [`${type}_CLIENT_ID`]: 'app', [`${type}_CLIENT_SECRET`]: secret },
  }).get(type);

  it("names the person a callback signed with the app's secret is about", () => {
    const payload = { algorithm: 'HMAC-SHA256', issued_at: 1_893_456_000, user_id: '1234' };
    expect(adapter.pushRevocation?.verify(signed(payload, secret))).toEqual({
      platformUserId: '1234',
    });
  });

  it('refuses one signed with another secret, or naming nobody, as invalid_request', () => {
    const payload = { algorithm: 'HMAC-SHA256', user_id: '1234' };
    for (const bad of [
      signed(payload, 'other'),
      signed({ algorithm: 'HMAC-SHA256' }, secret),
      'garbage',
    ]) {
      let error: unknown;
      try {
        adapter.pushRevocation?.verify(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ kind: 'invalid_request' });
      expect((error as Error).message).not.toContain(secret);
    }
  });
});

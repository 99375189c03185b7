import { isSecretPayload, SecretPayloadSchema } from './secret-payload';

describe('isSecretPayload', () => {
  it('should accept exactly what the schema accepts for stored payloads', () => {
    const good = [
      { accessToken: 'a', refreshToken: null, extra: {} },
      { accessToken: 'a', refreshToken: 'r', extra: { page: { id: 1 } } },
    ];
    const bad: unknown[] = [
      null,
      [],
      'x',
      { accessToken: 1, refreshToken: null, extra: {} },
      { accessToken: 'a', refreshToken: 2, extra: {} },
      { accessToken: 'a', refreshToken: null, extra: [] },
      { accessToken: 'a', refreshToken: null, extra: null },
      { accessToken: 'a', refreshToken: null },
      { accessToken: 'a', refreshToken: null, extra: {}, more: 1 },
    ];
    for (const v of good) {
      expect(isSecretPayload(v)).toBe(true);
      expect(SecretPayloadSchema.safeParse(v).success).toBe(true);
    }
    for (const v of bad) {
      expect(isSecretPayload(v)).toBe(false);
      expect(SecretPayloadSchema.safeParse(v).success).toBe(false);
    }
  });
});

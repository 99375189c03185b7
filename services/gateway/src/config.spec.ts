import { GatewayEnvSchema } from './config';

const base = {
  DATABASE_URL: 'postgres://localhost/x',
  NATS_URL: 'nats://localhost:4222',
  PUBLIC_URL: 'http://localhost:3000',
  PORTAL_SIGNING_SECRET: 'x'.repeat(32),
};

describe('gateway config: ACCOUNT_CONNECTED_ELSEWHERE', () => {
  it('should allow an account in several teams unless told otherwise', () => {
    expect(GatewayEnvSchema.parse(base).ACCOUNT_CONNECTED_ELSEWHERE).toBe('allow');
  });

  it('should take refuse', () => {
    const env = GatewayEnvSchema.parse({ ...base, ACCOUNT_CONNECTED_ELSEWHERE: 'refuse' });
    expect(env.ACCOUNT_CONNECTED_ELSEWHERE).toBe('refuse');
  });

  it('should reject anything else at boot', () => {
    const result = GatewayEnvSchema.safeParse({ ...base, ACCOUNT_CONNECTED_ELSEWHERE: 'deny' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['ACCOUNT_CONNECTED_ELSEWHERE']);
  });
});

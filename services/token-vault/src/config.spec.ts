import { CommonEnvSchema } from '@switchboard/platform';
import { VaultEnvSchema } from './config';

const base = {
  DATABASE_URL: 'postgres://localhost/x',
  NATS_URL: 'nats://localhost:4222',
  VAULT_KEYRING_FILE: '/run/keyring.json',
};

describe('vault config: DB_POOL_SIZE', () => {
  it('should give the vault 20 connections and other services 10 unless told otherwise', () => {
    expect(VaultEnvSchema.parse(base).DB_POOL_SIZE).toBe(20);
    expect(CommonEnvSchema.parse(base).DB_POOL_SIZE).toBe(10);
  });

  it('should take a number from the environment', () => {
    expect(VaultEnvSchema.parse({ ...base, DB_POOL_SIZE: '32' }).DB_POOL_SIZE).toBe(32);
  });

  it.each(['0', '-1', '2.5', 'many', '501'])('should reject %s at boot', (value) => {
    const result = VaultEnvSchema.safeParse({ ...base, DB_POOL_SIZE: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['DB_POOL_SIZE']);
  });
});

import { commonEnv, port } from '@switchboard/platform';
import { z } from 'zod';

export const VaultEnvSchema = z.object({
  ...commonEnv,
  HTTP_PORT: port(3002),
  /** Keyring JSON file: `{"activeKeyId": "...", "keys": {"<id>": "<base64 32 bytes>"}}`. */
  VAULT_KEYRING_FILE: z.string().min(1),
  /** Provider endpoints point at the sandbox when set (dev mode and tests). */
  SANDBOX_URL: z.url().optional(),
  /** Inline refresh when the token expires within min(this, half its lifetime). */
  VAULT_REFRESH_SKEW_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
  /** How long a refresh lock is held before another caller may take over (ms). */
  VAULT_LOCK_TTL_MS: z.coerce.number().int().min(1000).max(120_000).default(30_000),
});
export type VaultEnv = z.infer<typeof VaultEnvSchema>;
export const VAULT_ENV = Symbol('VAULT_ENV');

import { commonEnv, poolSize, port } from '@switchboard/platform';
import { z } from 'zod';

const ms = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

export const VaultEnvSchema = z.object({
  ...commonEnv,
  HTTP_PORT: port(3002),
  /**
   * Every token read and refresh is a query here: with 10 connections the calls of a busy replica
   * queue for a connection while PostgreSQL still has CPU to spare (bench/README.md).
   */
  DB_POOL_SIZE: poolSize(20),
  /** Keyring JSON file: `{"activeKeyId": "...", "keys": {"<id>": "<base64 32 bytes>"}}`. */
  VAULT_KEYRING_FILE: z.string().min(1),
  /** Provider endpoints point at the sandbox when set (dev mode and tests). */
  SANDBOX_URL: z.url().optional(),
  /** Inline refresh when the token expires within min(this, half its lifetime). */
  VAULT_REFRESH_SKEW_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
  /**
   * A refresh asked for within min(this, a tenth of the token's lifetime) of the last one joins it
   * instead of calling the platform again (a scheduled refresh racing an inline one).
   */
  VAULT_REFRESH_COALESCE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** How long a refresh lock is held before another caller may take over (ms). */
  VAULT_LOCK_TTL_MS: ms(30_000, 1000, 120_000),
  /** How often each replica re-reads which key is active (ms). */
  VAULT_KEYRING_POLL_MS: ms(2000, 100, 60_000),
  /** Sealed items re-wrapped per transaction during a key rotation. */
  VAULT_REWRAP_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Pause of the re-wrap job when nothing is left to move (ms); a rotation wakes it at once. */
  VAULT_REWRAP_IDLE_MS: ms(5000, 50, 600_000),
  /** Decrypt-audit entries are written in batches at least this often (ms). */
  VAULT_AUDIT_FLUSH_MS: ms(200, 10, 10_000),
  /** Entries held in memory while PostgreSQL is unreachable; the oldest are dropped (counted) beyond. */
  VAULT_AUDIT_MAX_BUFFER: z.coerce.number().int().min(1000).max(10_000_000).default(200_000),
  /** First retry of a provider revocation that failed transiently (ms); doubles per attempt. */
  VAULT_REVOKE_RETRY_MS: ms(30_000, 100, 3_600_000),
  /**
   * A revocation marked from a team's `AccountDisconnected` waits this long for the disconnect's own
   * `vault.revoke` call (a moment behind the event), which then revokes at the platform before it
   * answers; without the call the revocation worker does it after this time (ms, below the 120 s a
   * marking call owns its attempt).
   */
  VAULT_REVOKE_EVENT_GRACE_MS: ms(10_000, 0, 60_000),
  /** After this long a revocation the provider keeps failing is given up and the credential shredded. */
  VAULT_REVOKE_GIVE_UP_HOURS: z.coerce.number().min(0).max(720).default(24),
});
export type VaultEnv = z.infer<typeof VaultEnvSchema>;
export const VAULT_ENV = Symbol('VAULT_ENV');

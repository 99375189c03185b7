import { randomBytes } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { errorCode } from '@switchboard/testing';
import { DevError } from './dev-error';

/** What the token vault reads from VAULT_KEYRING_FILE. */
export const KeyringSchema = z
  .strictObject({
    activeKeyId: z.string().min(1),
    keys: z.record(
      z.string().min(1),
      z
        .string()
        .refine((key) => Buffer.from(key, 'base64').length === 32, 'must be 32 bytes in base64'),
    ),
  })
  .refine((ring) => ring.activeKeyId in ring.keys, 'activeKeyId must name one of keys');
export type Keyring = z.infer<typeof KeyringSchema>;

const StoredSecretsSchema = z.object({
  portalSigningSecret: z.string().min(32).optional(),
  adminApiKey: z.string().min(16).optional(),
  postgresPassword: z.string().min(16).optional(),
});

export interface DevSecrets {
  keyringFile: string;
  portalSigningSecret: string;
  adminApiKey: string;
  /** Where the admin key comes from, for the banner. */
  adminApiKeySource: 'SWITCHBOARD_DEV_API_KEY' | 'generated';
  /** Superuser password of the embedded PostgreSQL in .dev/postgres. */
  postgresPassword: string;
}

export function createKeyring(): Keyring {
  return { activeKeyId: 'dev-1', keys: { 'dev-1': randomBytes(32).toString('base64') } };
}

export function generateAdminApiKey(): string {
  return `sbk_dev_${randomBytes(32).toString('base64url')}`;
}

/**
 * Generates the dev secrets on first use and keeps them (mode 0600): the vault keyring (its own
 * file, VAULT_KEYRING_FILE) and secrets.json (portal signing secret, admin API key, embedded
 * PostgreSQL password). An existing keyring is never replaced: tokens stored with it would become
 * unreadable.
 */
export async function loadOrCreateDevSecrets(options: {
  keyringFile: string;
  secretsFile: string;
  adminApiKeyOverride: string | undefined;
}): Promise<DevSecrets> {
  await ensureKeyring(options.keyringFile);
  const stored = await readStoredSecrets(options.secretsFile);
  const complete = {
    portalSigningSecret: stored.portalSigningSecret ?? randomBytes(32).toString('base64url'),
    adminApiKey: stored.adminApiKey ?? generateAdminApiKey(),
    postgresPassword: stored.postgresPassword ?? randomBytes(24).toString('base64url'),
  };
  if (
    stored.portalSigningSecret === undefined ||
    stored.adminApiKey === undefined ||
    stored.postgresPassword === undefined
  ) {
    await writeFile(options.secretsFile, `${JSON.stringify(complete, null, 2)}\n`, { mode: 0o600 });
  }
  await restrictMode(options.secretsFile);
  return {
    keyringFile: options.keyringFile,
    portalSigningSecret: complete.portalSigningSecret,
    adminApiKey: options.adminApiKeyOverride ?? complete.adminApiKey,
    adminApiKeySource:
      options.adminApiKeyOverride === undefined ? 'generated' : 'SWITCHBOARD_DEV_API_KEY',
    postgresPassword: complete.postgresPassword,
  };
}

async function ensureKeyring(file: string): Promise<void> {
  const existing = await readFile(file, 'utf8').catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw error;
  });
  if (existing === undefined) {
    await writeFile(file, `${JSON.stringify(createKeyring(), null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    return;
  }
  const parsed = KeyringSchema.safeParse(parseJson(existing));
  if (!parsed.success) {
    throw new DevError(
      `${file} is not a valid keyring (${parsed.error.issues.map((i) => i.message).join('; ')}). ` +
        'Repair it, or delete it to generate a new one (tokens stored with the old keys then ' +
        'cannot be decrypted: delete .dev/postgres too, or reconnect the accounts).',
    );
  }
  await restrictMode(file);
}

async function readStoredSecrets(file: string): Promise<z.infer<typeof StoredSecretsSchema>> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw error;
  });
  if (text === undefined) return {};
  const parsed = StoredSecretsSchema.safeParse(parseJson(text));
  if (!parsed.success) {
    throw new DevError(`${file} is not valid; delete it to generate new dev secrets.`);
  }
  return parsed.data;
}

async function restrictMode(file: string): Promise<void> {
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) await chmod(file, 0o600);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isNotFound(error: unknown): boolean {
  return errorCode(error) === 'ENOENT';
}

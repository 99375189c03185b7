import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../common';
import { defineRpc } from './define';

/** Error codes the vault's key and audit operations answer with (beside the shared ones). */
export const VaultErrorCodes = {
  /** A ciphertext names a key-encryption key the keyring does not hold. */
  unknownKeyId: 'unknown-key-id',
  /** Retire refused: sealed items still use the key (wait for the re-wrap job). */
  keyInUse: 'key-in-use',
  /** Retire refused: the key is the active one (rotate first). */
  keyActive: 'key-active',
  /** Rotate refused: a retired key never comes back. */
  keyRetired: 'key-retired',
} as const;

export const KeyIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/);

/**
 * `active`: wraps every new data key. `decrypt_only`: a former active key, still needed to open
 * what the re-wrap job has not moved yet. `retired`: nothing uses it; it may leave the keyring.
 */
export const KeyStateSchema = z.enum(['active', 'decrypt_only', 'retired']);
export type KeyState = z.infer<typeof KeyStateSchema>;

export const KeyStatusSchema = z.strictObject({
  id: KeyIdSchema,
  state: KeyStateSchema,
  /** Sealed items (credentials, grants) whose data key this key still wraps. */
  sealedItems: z.number().int().nonnegative(),
  /** Whether this replica's keyring holds the key material. */
  inKeyring: z.boolean(),
  createdAt: IsoTimeSchema,
  activatedAt: IsoTimeSchema.nullable(),
  retiredAt: IsoTimeSchema.nullable(),
});
export type KeyStatus = z.infer<typeof KeyStatusSchema>;

const KeyRingStatusSchema = z.strictObject({
  activeKeyId: KeyIdSchema,
  keys: z.array(KeyStatusSchema),
  /** Sealed items not yet on the active key (0 when rotation is complete). */
  rewrapRemaining: z.number().int().nonnegative(),
});

/** Operators: which key is active, and per key how many sealed items still use it. */
export const VaultKeysStatus = defineRpc(
  'vault.keys.status',
  z.strictObject({}),
  KeyRingStatusSchema,
);

/**
 * Operators: make a key active for every new write at once (all replicas); the re-wrap job then
 * moves existing data keys to it in the background. `keyId` null: the keyring file's
 * `activeKeyId` (the file is re-read first, so a key just added to the mounted Secret is found).
 */
export const VaultKeysRotate = defineRpc(
  'vault.keys.rotate',
  z.strictObject({ keyId: KeyIdSchema.nullable() }),
  z.strictObject({
    activeKeyId: KeyIdSchema,
    previousKeyId: KeyIdSchema.nullable(),
    rewrapRemaining: z.number().int().nonnegative(),
  }),
);

/** Operators: retire a key nothing uses any more; refused with `key-in-use` / `key-active`. */
export const VaultKeysRetire = defineRpc(
  'vault.keys.retire',
  z.strictObject({ keyId: KeyIdSchema }),
  z.strictObject({ keyId: KeyIdSchema, retiredAt: IsoTimeSchema }),
);

export const DecryptAuditEntrySchema = z.strictObject({
  id: z.string(),
  at: IsoTimeSchema,
  /** The calling service (`x-switchboard-caller`), or `token-vault` for the vault's own work. */
  caller: z.string(),
  purpose: z.string(),
  connectionId: IdSchema,
  teamId: IdSchema,
  credentialVersion: z.number().int(),
  traceId: z.string().nullable(),
});
export type DecryptAuditEntry = z.infer<typeof DecryptAuditEntrySchema>;

/** Operators: every decrypt of a credential, newest first, optionally for one team or connection. */
export const VaultAuditList = defineRpc(
  'vault.audit.list',
  z.strictObject({
    teamId: IdSchema.nullable(),
    connectionId: IdSchema.nullable(),
    limit: z.number().int().min(1).max(500),
    cursor: z
      .string()
      .regex(/^\d{1,19}$/)
      .nullable(),
  }),
  z.strictObject({ items: z.array(DecryptAuditEntrySchema), nextCursor: z.string().nullable() }),
);

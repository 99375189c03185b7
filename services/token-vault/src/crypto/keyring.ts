import { VaultErrorCodes } from '@switchboard/contracts';
import { CodedError } from '@switchboard/contracts';
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { aesGcmDecrypt, aesGcmEncrypt, IV_BYTES, KEY_BYTES, TAG_BYTES } from './aes-gcm';

/**
 * Where key-encryption keys (KEKs) live. The vault never needs a KEK's bytes, only "wrap this data
 * key with KEK x" and "unwrap it": the local keyring does both in-process; a cloud KMS fits the
 * same interface (see README, "A KMS instead of the keyring file").
 */
export interface KeyProvider {
  /** Key ids the provider can use right now. */
  ids(): string[];
  has(id: string): boolean;
  /** The key the key source proposes as active (the keyring file's `activeKeyId`). */
  proposedActiveId(): string;
  wrap(kekId: string, dataKey: Buffer): Buffer;
  /** Throws `unknown-key-id` for a key it does not hold, `decrypt-failed` for a bad wrapping. */
  unwrap(kekId: string, wrapped: Buffer): Buffer;
  /** Re-reads the key source (an operator added a key to the mounted Secret). */
  reload(): Promise<void>;
}

const KeyIdPattern = /^[A-Za-z0-9_.-]{1,64}$/;

const KeyringFileSchema = z.strictObject({
  activeKeyId: z.string().regex(KeyIdPattern),
  keys: z.record(
    z.string().regex(KeyIdPattern),
    z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === KEY_BYTES, 'each key is 32 bytes, base64'),
  ),
});

interface ParsedKeyring {
  activeId: string;
  keys: Map<string, Buffer>;
}

function parseKeyring(content: string): ParsedKeyring {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new Error('keyring is not valid JSON');
  }
  const parsed = KeyringFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `keyring is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const keys = new Map(
    Object.entries(parsed.data.keys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]),
  );
  if (!keys.has(parsed.data.activeKeyId)) throw new Error('keyring activeKeyId names no key');
  return { activeId: parsed.data.activeKeyId, keys };
}

/** A wrapped data key is `iv ‖ tag ‖ encrypted key`, bound to its KEK's id by associated data. */
const kekAad = (kekId: string) => Buffer.from(`kek:${kekId}`);

/**
 * A keyring file (mounted from a Kubernetes Secret in production):
 * `{"activeKeyId": "k2", "keys": {"k1": "<base64>", "k2": "<base64>"}}`. Which key is active for
 * writes is decided in the vault's schema (so every replica agrees); the file's `activeKeyId` only
 * seeds it on first start and is the default target of a rotation.
 */
export class FileKeyring implements KeyProvider {
  private state: ParsedKeyring;
  /** The file's mtime and size when it was read: a miss re-reads only a file that changed. */
  private version = '';

  constructor(
    content: string,
    private readonly path: string | null = null,
  ) {
    this.state = parseKeyring(content);
    if (path) this.version = fileVersion(path);
  }

  static fromFile(path: string): FileKeyring {
    const version = fileVersion(path);
    const keyring = new FileKeyring(readFileSync(path, 'utf8'), path);
    keyring.version = version;
    return keyring;
  }

  ids(): string[] {
    return [...this.state.keys.keys()];
  }

  has(id: string): boolean {
    return this.state.keys.has(id) || this.reloadOnMiss(id);
  }

  proposedActiveId(): string {
    return this.state.activeId;
  }

  wrap(kekId: string, dataKey: Buffer): Buffer {
    const { iv, ciphertext, tag } = aesGcmEncrypt(this.key(kekId), dataKey, kekAad(kekId));
    return Buffer.concat([iv, tag, ciphertext]);
  }

  unwrap(kekId: string, wrapped: Buffer): Buffer {
    const kek = this.key(kekId);
    if (wrapped.length !== IV_BYTES + TAG_BYTES + KEY_BYTES) {
      throw new CodedError('decrypt-failed', 'wrapped data key has the wrong length');
    }
    return aesGcmDecrypt(
      kek,
      wrapped.subarray(0, IV_BYTES),
      wrapped.subarray(IV_BYTES + TAG_BYTES),
      wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
      kekAad(kekId),
    );
  }

  async reload(): Promise<void> {
    if (!this.path) return;
    const version = fileVersion(this.path);
    this.state = parseKeyring(await readFile(this.path, 'utf8'));
    this.version = version;
  }

  /** Test and tooling access to key material; the vault itself only wraps and unwraps. */
  get(id: string): { id: string; key: Buffer } {
    return { id, key: this.key(id) };
  }

  private key(id: string): Buffer {
    const key = this.state.keys.get(id);
    if (key) return key;
    if (this.reloadOnMiss(id)) return this.state.keys.get(id)!;
    throw new CodedError(VaultErrorCodes.unknownKeyId, `key ${id} is not in the keyring`);
  }

  /**
   * Another replica rotated to a key just added to the Secret: read the file again if it changed
   * (a `stat` per miss; an unknown key id in a tampered row never turns into file reads).
   */
  private reloadOnMiss(id: string): boolean {
    if (!this.path) return false;
    try {
      const version = fileVersion(this.path);
      if (version === this.version) return false;
      this.state = parseKeyring(readFileSync(this.path, 'utf8'));
      this.version = version;
    } catch {
      return false;
    }
    return this.state.keys.has(id);
  }
}

/** Kubernetes swaps a Secret's files through a symlink; `stat` follows it to the new file. */
function fileVersion(path: string): string {
  const s = statSync(path);
  return `${s.mtimeMs}:${s.size}:${s.ino}`;
}

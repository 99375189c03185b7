import { CodedError } from '@switchboard/contracts';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyProvider } from './keyring';

const ALG = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface Sealed {
  kekId: string;
  /** iv ‖ tag ‖ encrypted data key */
  wrappedKey: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export interface AadParts {
  teamId: string;
  connectionId: string;
  version: number;
}

/** Binds a ciphertext to its row: copied to another connection or version, it won't open. */
export function aadOf(parts: AadParts): Buffer {
  return Buffer.from(
    `switchboard:v1|team=${parts.teamId}|conn=${parts.connectionId}|ver=${parts.version}`,
  );
}

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALG, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

function decrypt(key: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer {
  if (iv.length !== IV_BYTES) throw new CodedError('decrypt-failed', 'bad IV length');
  if (tag.length !== TAG_BYTES)
    throw new CodedError('decrypt-failed', 'bad authentication tag length');
  try {
    const decipher = createDecipheriv(ALG, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new CodedError('decrypt-failed', 'ciphertext failed authentication');
  }
}

/** Envelope encryption: a fresh data key per credential, wrapped by the active key-encryption key. */
export class Envelope {
  constructor(private readonly keys: KeyProvider) {}

  seal(plaintext: Buffer, aad: Buffer): Sealed {
    const dataKey = randomBytes(KEY_BYTES);
    try {
      const kek = this.keys.active();
      const body = encrypt(dataKey, plaintext, aad);
      return { kekId: kek.id, wrappedKey: this.wrap(kek.key, kek.id, dataKey), ...body };
    } finally {
      dataKey.fill(0);
    }
  }

  open(sealed: Sealed, aad: Buffer): Buffer {
    const kek = this.keys.get(sealed.kekId);
    const dataKey = this.unwrap(kek.key, kek.id, sealed.wrappedKey);
    try {
      return decrypt(dataKey, sealed.iv, sealed.ciphertext, sealed.tag, aad);
    } finally {
      dataKey.fill(0);
    }
  }

  /** Re-wraps the data key under another KEK without touching the ciphertext (key rotation). */
  rewrap(sealed: Sealed, to = this.keys.active()): Sealed {
    const from = this.keys.get(sealed.kekId);
    const dataKey = this.unwrap(from.key, from.id, sealed.wrappedKey);
    try {
      return { ...sealed, kekId: to.id, wrappedKey: this.wrap(to.key, to.id, dataKey) };
    } finally {
      dataKey.fill(0);
    }
  }

  private wrap(kek: Buffer, kekId: string, dataKey: Buffer): Buffer {
    const { iv, ciphertext, tag } = encrypt(kek, dataKey, Buffer.from(`kek:${kekId}`));
    return Buffer.concat([iv, tag, ciphertext]);
  }

  private unwrap(kek: Buffer, kekId: string, wrapped: Buffer): Buffer {
    if (wrapped.length !== IV_BYTES + TAG_BYTES + KEY_BYTES) {
      throw new CodedError('decrypt-failed', 'wrapped data key has the wrong length');
    }
    const iv = wrapped.subarray(0, IV_BYTES);
    const tag = wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const ct = wrapped.subarray(IV_BYTES + TAG_BYTES);
    return decrypt(kek, iv, ct, tag, Buffer.from(`kek:${kekId}`));
  }
}

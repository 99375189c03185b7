import { CodedError, ErrorCodes } from '@switchboard/contracts';
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { IvPool } from './iv-pool';

const ALG = 'aes-256-gcm';
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;

const ivs = new IvPool();

export interface GcmSealed {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** AES-256-GCM with a fresh random 12-byte IV and a 16-byte tag. */
export function aesGcmEncrypt(key: Buffer, plaintext: Buffer, aad: Buffer): GcmSealed {
  const iv = ivs.take(IV_BYTES);
  const cipher = createCipheriv(ALG, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/**
 * Decrypts and authenticates, or throws `decrypt-failed`: a wrong key, another row's associated
 * data, a flipped bit or a short tag never yields bytes (GCM would accept a truncated tag unless
 * its length is pinned, so both the check and `authTagLength` are here).
 */
export function aesGcmDecrypt(
  key: Buffer,
  iv: Buffer,
  ciphertext: Buffer,
  tag: Buffer,
  aad: Buffer,
): Buffer {
  if (iv.length !== IV_BYTES) throw new CodedError(ErrorCodes.decryptFailed, 'bad IV length');
  if (tag.length !== TAG_BYTES) {
    throw new CodedError(ErrorCodes.decryptFailed, 'bad authentication tag length');
  }
  try {
    const decipher = createDecipheriv(ALG, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new CodedError(ErrorCodes.decryptFailed, 'ciphertext failed authentication');
  }
}

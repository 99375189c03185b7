import { CodedError, VaultErrorCodes } from '@switchboard/contracts';
import { randomBytes } from 'node:crypto';
import { aesGcmDecrypt, aesGcmEncrypt, KEY_BYTES } from './aes-gcm';
import type { KeyProvider } from './keyring';

export interface Sealed {
  kekId: string;
  /** iv ‖ tag ‖ encrypted data key */
  wrappedKey: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export type WrappedKey = Pick<Sealed, 'kekId' | 'wrappedKey'>;

/** A sealed value as SQL parameters, in the column order every sealed table uses. */
export function sealedValues(s: Sealed): [string, Buffer, Buffer, Buffer, Buffer] {
  return [s.kekId, s.wrappedKey, s.iv, s.ciphertext, s.tag];
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

/**
 * Envelope encryption: a fresh 256-bit data key per sealed item, wrapped by a key-encryption key
 * whose id is stored beside the ciphertext. Which KEK is active is the key ring's decision
 * (`KeyRingService` keeps `activeKeyId` in step with the vault's schema).
 */
export class Envelope {
  private active: string;

  constructor(
    private readonly keys: KeyProvider,
    activeKeyId?: string,
  ) {
    this.active = activeKeyId ?? keys.proposedActiveId();
  }

  get activeKeyId(): string {
    return this.active;
  }

  useActiveKey(kekId: string): void {
    if (!this.keys.has(kekId)) {
      throw new CodedError(VaultErrorCodes.unknownKeyId, `key ${kekId} is not in the keyring`);
    }
    this.active = kekId;
  }

  seal(plaintext: Buffer, aad: Buffer, kekId: string = this.active): Sealed {
    const dataKey = randomBytes(KEY_BYTES);
    try {
      const wrappedKey = this.keys.wrap(kekId, dataKey);
      return { kekId, wrappedKey, ...aesGcmEncrypt(dataKey, plaintext, aad) };
    } finally {
      dataKey.fill(0);
    }
  }

  /** The plaintext, or `decrypt-failed` / `unknown-key-id`; never unauthenticated bytes. */
  open(sealed: Sealed, aad: Buffer): Buffer {
    const dataKey = this.keys.unwrap(sealed.kekId, sealed.wrappedKey);
    try {
      return aesGcmDecrypt(dataKey, sealed.iv, sealed.ciphertext, sealed.tag, aad);
    } finally {
      dataKey.fill(0);
    }
  }

  /** Re-wraps the data key under another KEK without touching the ciphertext (key rotation). */
  rewrap(wrapped: WrappedKey, toKekId: string = this.active): WrappedKey {
    const dataKey = this.keys.unwrap(wrapped.kekId, wrapped.wrappedKey);
    try {
      return { kekId: toKekId, wrappedKey: this.keys.wrap(toKekId, dataKey) };
    } finally {
      dataKey.fill(0);
    }
  }
}

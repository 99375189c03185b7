import { CodedError } from '@switchboard/contracts';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export interface Kek {
  id: string;
  key: Buffer;
}

/** Where key-encryption keys come from. The local keyring is the default; a cloud KMS fits here. */
export interface KeyProvider {
  active(): Kek;
  get(id: string): Kek;
  ids(): string[];
}

const KeyringFileSchema = z.strictObject({
  activeKeyId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  keys: z.record(
    z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
    z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'each key is 32 bytes, base64'),
  ),
});

/**
 * A keyring file (mounted from a Kubernetes Secret in production):
 * `{"activeKeyId": "k2", "keys": {"k1": "<base64>", "k2": "<base64>"}}`.
 */
export class FileKeyring implements KeyProvider {
  private readonly keys: Map<string, Buffer>;
  private readonly activeId: string;

  constructor(content: string) {
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
    this.keys = new Map(
      Object.entries(parsed.data.keys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]),
    );
    if (!this.keys.has(parsed.data.activeKeyId))
      throw new Error('keyring activeKeyId names no key');
    this.activeId = parsed.data.activeKeyId;
  }

  static fromFile(path: string): FileKeyring {
    return new FileKeyring(readFileSync(path, 'utf8'));
  }

  active(): Kek {
    return this.get(this.activeId);
  }

  get(id: string): Kek {
    const key = this.keys.get(id);
    if (!key) throw new CodedError('unknown-key-id', `key ${id} is not in the keyring`);
    return { id, key };
  }

  ids(): string[] {
    return [...this.keys.keys()];
  }
}

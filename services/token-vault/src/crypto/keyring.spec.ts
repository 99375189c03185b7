import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileKeyring } from './keyring';

const key = () => randomBytes(32).toString('base64');

describe('FileKeyring', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-keyring-'));

  it('should refuse a file that is not a valid keyring, naming the problem but no key', () => {
    expect(() => new FileKeyring('{')).toThrow('keyring is not valid JSON');
    expect(
      () => new FileKeyring(JSON.stringify({ activeKeyId: 'k1', keys: { k1: 'c2hvcnQ=' } })),
    ).toThrow(/keys\.k1: each key is 32 bytes/);
    expect(
      () => new FileKeyring(JSON.stringify({ activeKeyId: 'k2', keys: { k1: key() } })),
    ).toThrow('keyring activeKeyId names no key');
  });

  it('should wrap a data key so that only the same key id opens it', () => {
    const ring = new FileKeyring(
      JSON.stringify({ activeKeyId: 'k1', keys: { k1: key(), k2: key() } }),
    );
    const dataKey = randomBytes(32);
    const wrapped = ring.wrap('k1', dataKey);
    expect(ring.unwrap('k1', wrapped).equals(dataKey)).toBe(true);
    expect(() => ring.unwrap('k2', wrapped)).toThrow(
      expect.objectContaining({ code: 'decrypt-failed' }),
    );
    expect(() => ring.unwrap('k1', wrapped.subarray(1))).toThrow(
      expect.objectContaining({ code: 'decrypt-failed' }),
    );
    expect(() => ring.unwrap('k9', wrapped)).toThrow(
      expect.objectContaining({ code: 'unknown-key-id' }),
    );
  });

  it('should pick up a key added to the file when asked for it, and only re-read a changed file', async () => {
    const path = join(dir, 'ring.json');
    const k1 = key();
    writeFileSync(path, JSON.stringify({ activeKeyId: 'k1', keys: { k1 } }));
    const ring = FileKeyring.fromFile(path);
    expect(ring.has('k2')).toBe(false);
    writeFileSync(path, JSON.stringify({ activeKeyId: 'k2', keys: { k1, k2: key() } }));
    expect(ring.has('k2')).toBe(true); // a miss re-reads the changed file
    expect(ring.proposedActiveId()).toBe('k2');
    expect(ring.has('nope')).toBe(false);
    writeFileSync(path, JSON.stringify({ activeKeyId: 'k1', keys: { k1 } }));
    await ring.reload();
    expect(ring.ids()).toEqual(['k1']);
  });
});

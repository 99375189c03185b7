import { randomBytes } from 'node:crypto';
import { aadOf, Envelope } from './envelope';
import { FileKeyring } from './keyring';

const keyring = (active: string, ...ids: string[]) =>
  new FileKeyring(
    JSON.stringify({
      activeKeyId: active,
      keys: Object.fromEntries(ids.map((id) => [id, randomBytes(32).toString('base64')])),
    }),
  );

describe('Envelope', () => {
  const ring = keyring('k1', 'k1', 'k2');
  const envelope = new Envelope(ring);
  const aad = aadOf({ teamId: 't1', connectionId: 'c1', version: 1 });
  const secret = Buffer.from('{"accessToken":"at-123"}');

  it('should round-trip a credential', () => {
    const sealed = envelope.seal(secret, aad);
    expect(sealed.kekId).toBe('k1');
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.tag).toHaveLength(16);
    expect(sealed.ciphertext.includes(Buffer.from('at-123'))).toBe(false);
    expect(envelope.open(sealed, aad).toString()).toBe(secret.toString());
  });

  it('should use a fresh data key and IV for every seal', () => {
    const a = envelope.seal(secret, aad);
    const b = envelope.seal(secret, aad);
    expect(a.wrappedKey.equals(b.wrappedKey)).toBe(false);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it('should refuse a ciphertext moved to another connection or version', () => {
    const sealed = envelope.seal(secret, aad);
    expect(() =>
      envelope.open(sealed, aadOf({ teamId: 't1', connectionId: 'c2', version: 1 })),
    ).toThrow(expect.objectContaining({ code: 'decrypt-failed' }));
    expect(() =>
      envelope.open(sealed, aadOf({ teamId: 't1', connectionId: 'c1', version: 2 })),
    ).toThrow(expect.objectContaining({ code: 'decrypt-failed' }));
  });

  it('should refuse a flipped byte, a truncated tag and a wrong key id', () => {
    const sealed = envelope.seal(secret, aad);
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] ^= 1;
    expect(() => envelope.open({ ...sealed, ciphertext: flipped }, aad)).toThrow(
      expect.objectContaining({ code: 'decrypt-failed' }),
    );
    expect(() => envelope.open({ ...sealed, tag: sealed.tag.subarray(0, 12) }, aad)).toThrow(
      expect.objectContaining({ code: 'decrypt-failed' }),
    );
    const flippedKey = Buffer.from(sealed.wrappedKey);
    flippedKey[flippedKey.length - 1] ^= 1;
    expect(() => envelope.open({ ...sealed, wrappedKey: flippedKey }, aad)).toThrow(
      expect.objectContaining({ code: 'decrypt-failed' }),
    );
    expect(() => envelope.open({ ...sealed, kekId: 'k2' }, aad)).toThrow(
      expect.objectContaining({ code: 'decrypt-failed' }),
    );
    expect(() => envelope.open({ ...sealed, kekId: 'nope' }, aad)).toThrow(
      expect.objectContaining({ code: 'unknown-key-id' }),
    );
  });

  it('should re-wrap under a new key and still open', () => {
    const sealed = envelope.seal(secret, aad);
    const moved = envelope.rewrap(sealed, 'k2');
    expect(moved.kekId).toBe('k2');
    expect(envelope.open({ ...sealed, ...moved }, aad).toString()).toBe(secret.toString());
  });

  it('should seal with the key the key ring made active', () => {
    const local = new Envelope(ring);
    local.useActiveKey('k2');
    expect(local.seal(secret, aad).kekId).toBe('k2');
    expect(() => local.useActiveKey('missing')).toThrow(
      expect.objectContaining({ code: 'unknown-key-id' }),
    );
  });
});

import { createHmac } from 'node:crypto';
import {
  parseSignedRequest,
  SignedRequestError,
  type SignedRequestProblem,
} from './signed-request';

const SECRET = 'app-secret-1';

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function sign(payload: unknown, secret = SECRET, raw?: string): string {
  const encoded = raw ?? b64url(JSON.stringify(payload));
  return `${createHmac('sha256', secret).update(encoded).digest('base64url')}.${encoded}`;
}

function problemOf(input: unknown, secret = SECRET): SignedRequestProblem {
  try {
    parseSignedRequest(input, secret);
  } catch (error) {
    if (error instanceof SignedRequestError) return error.problem;
    throw error;
  }
  throw new Error('expected a SignedRequestError');
}

describe('parseSignedRequest', () => {
  const payload = { algorithm: 'HMAC-SHA256', issued_at: 1893456000, user_id: '1234567890' };

  it('verifies and decodes a Meta signed request', () => {
    expect(parseSignedRequest(sign(payload), SECRET)).toEqual({
      algorithm: 'HMAC-SHA256',
      userId: '1234567890',
      issuedAt: new Date('2030-01-01T00:00:00Z'),
      payload,
    });
  });

  it('accepts a numeric user_id and base64 padding', () => {
    const encoded = `${b64url(JSON.stringify({ ...payload, user_id: 42 }))}==`.replace(
      /={3,}$/,
      '==',
    );
    const signed = sign(null, SECRET, encoded);
    expect(parseSignedRequest(signed, SECRET).userId).toBe('42');
  });

  it('takes the algorithm case-insensitively but only HMAC-SHA256', () => {
    expect(
      parseSignedRequest(sign({ ...payload, algorithm: 'hmac-sha256' }), SECRET).algorithm,
    ).toBe('HMAC-SHA256');
    expect(problemOf(sign({ ...payload, algorithm: 'HMAC-SHA1' }))).toBe('unsupported-algorithm');
    expect(problemOf(sign({ user_id: '1' }))).toBe('unsupported-algorithm');
  });

  it('refuses a request signed with another secret', () => {
    expect(problemOf(sign(payload, 'another-secret'))).toBe('bad-signature');
  });

  it('refuses a tampered payload', () => {
    const [signature] = sign(payload).split('.');
    const forged = b64url(JSON.stringify({ ...payload, user_id: '999' }));
    expect(problemOf(`${signature}.${forged}`)).toBe('bad-signature');
  });

  it('refuses a tampered signature', () => {
    const [signature, body] = sign(payload).split('.') as [string, string];
    const flipped = Buffer.from(signature, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(problemOf(`${flipped.toString('base64url')}.${body}`)).toBe('bad-signature');
  });

  it.each([
    ['nothing', undefined],
    ['a number', 42],
    ['an empty string', ''],
    ['no dot', 'abcdef'],
    ['three parts', 'a.b.c'],
    ['non-base64url characters', 'ab$c.def'],
    ['an empty part', `.${b64url('{}')}`],
    ['a signature of the wrong length', `${b64url('short')}.${b64url('{}')}`],
    ['a huge input', `${'a'.repeat(9000)}.b`],
  ])('refuses %s as malformed', (_name, input) => {
    expect(problemOf(input)).toBe('malformed');
  });

  it('refuses a correctly signed payload that is not a JSON object', () => {
    expect(problemOf(sign(null, SECRET, b64url('not json')))).toBe('malformed');
    expect(problemOf(sign(null, SECRET, b64url('[1,2]')))).toBe('malformed');
  });

  it('refuses to verify without a secret', () => {
    expect(problemOf(sign(payload), '')).toBe('malformed');
  });

  it('never quotes the input in its message', () => {
    const input = sign(payload, 'another-secret');
    try {
      parseSignedRequest(input, SECRET);
    } catch (error) {
      expect((error as Error).message).not.toContain(input.slice(0, 20));
    }
    expect.assertions(1);
  });

  it('ignores an unusable user_id or issued_at instead of trusting it', () => {
    const parsed = parseSignedRequest(
      sign({ ...payload, user_id: '../etc', issued_at: 'soon' }),
      SECRET,
    );
    expect(parsed.userId).toBeNull();
    expect(parsed.issuedAt).toBeNull();
  });
});

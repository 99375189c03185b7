import { createHmac, timingSafeEqual } from 'node:crypto';
import { isJsonObject, type JsonObject, type JsonValue } from '../../json';

/** Why a signed request was refused. */
export type SignedRequestProblem = 'malformed' | 'bad-signature' | 'unsupported-algorithm';

/** A refused `signed_request`; its message never quotes the input. */
export class SignedRequestError extends Error {
  constructor(
    readonly problem: SignedRequestProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SignedRequestError';
  }
}

/** A verified signed request's payload. */
export interface SignedRequest {
  algorithm: 'HMAC-SHA256';
  /** The app-scoped id of the person (`user_id`); null when the payload has none. */
  userId: string | null;
  /** `issued_at`; null when absent. Callers that care about replays check it. */
  issuedAt: Date | null;
  /** The whole decoded payload. */
  payload: JsonObject;
}

/** Meta's requests are a few hundred bytes; anything this long is not one. */
const MAX_LENGTH = 8192;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const SHA256_BYTES = 32;

/**
 * Verifies and decodes a Meta `signed_request` (deauthorize and data-deletion callbacks):
 * `<base64url(HMAC-SHA256(payload part, app secret))>.<base64url(JSON payload)>`. The signature is
 * checked over the payload part exactly as received, in constant time, before the payload is
 * trusted; the payload's `algorithm` must be `HMAC-SHA256`. Throws `SignedRequestError` for
 * anything malformed, tampered with or signed otherwise.
 */
export function parseSignedRequest(signedRequest: unknown, appSecret: string): SignedRequest {
  if (appSecret.length === 0) {
    throw new SignedRequestError('malformed', 'no app secret to verify the signed request with');
  }
  if (typeof signedRequest !== 'string' || signedRequest.length === 0) {
    throw new SignedRequestError('malformed', 'the signed request is missing');
  }
  if (signedRequest.length > MAX_LENGTH) {
    throw new SignedRequestError('malformed', 'the signed request is too long');
  }
  const parts = signedRequest.split('.');
  const [encodedSignature, encodedPayload] = parts;
  if (
    parts.length !== 2 ||
    encodedSignature === undefined ||
    encodedPayload === undefined ||
    !BASE64URL.test(encodedSignature) ||
    !BASE64URL.test(encodedPayload)
  ) {
    throw new SignedRequestError(
      'malformed',
      'the signed request is not two base64url parts joined by a dot',
    );
  }
  const signature = Buffer.from(encodedSignature, 'base64url');
  if (signature.length !== SHA256_BYTES) {
    throw new SignedRequestError('malformed', 'the signature is not an HMAC-SHA256 digest');
  }
  const expected = createHmac('sha256', appSecret).update(encodedPayload).digest();
  if (!timingSafeEqual(signature, expected)) {
    throw new SignedRequestError('bad-signature', 'the signed request’s signature does not match');
  }

  const payload = decodePayload(encodedPayload);
  const algorithm = payload['algorithm'];
  if (typeof algorithm !== 'string' || algorithm.toUpperCase() !== 'HMAC-SHA256') {
    throw new SignedRequestError(
      'unsupported-algorithm',
      'the signed request’s algorithm is not HMAC-SHA256',
    );
  }
  return {
    algorithm: 'HMAC-SHA256',
    userId: idOf(payload['user_id']),
    issuedAt: instantOf(payload['issued_at']),
    payload,
  };
}

function decodePayload(encoded: string): JsonObject {
  let value: JsonValue;
  try {
    value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as JsonValue;
  } catch {
    throw new SignedRequestError('malformed', 'the signed request’s payload is not JSON');
  }
  if (!isJsonObject(value)) {
    throw new SignedRequestError('malformed', 'the signed request’s payload is not an object');
  }
  return value;
}

function idOf(value: JsonValue | undefined): string | null {
  if (typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  return null;
}

function instantOf(value: JsonValue | undefined): Date | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
  return new Date(value * 1000);
}

import { z } from 'zod';

/** The error shape every RPC reply and every internal failure crossing a service boundary uses. */
export const ErrorBodySchema = z.strictObject({
  code: z.string().min(1).max(100),
  message: z.string().max(2000),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Stable machine-readable codes shared across services. HTTP mapping lives in the gateway. */
export const ErrorCodes = {
  validation: 'validation-failed',
  notFound: 'not-found',
  conflict: 'conflict',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  rateLimited: 'rate-limited',
  unavailable: 'service-unavailable',
  timeout: 'timeout',
  internal: 'internal-error',
  decryptFailed: 'decrypt-failed',
  credentialRevoked: 'credential-revoked',
  reauthRequired: 'reauth-required',
  staleWrite: 'stale-write',
  invalidState: 'invalid-state',
  badRedirect: 'redirect-not-allowed',
  unknownPlatform: 'unknown-platform',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** An error that carries a stable code; safe to send across a boundary (no secrets in messages). */
export class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CodedError';
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}

import { z } from 'zod';

/** What is inside the ciphertext. Only the vault ever sees it in the clear. */
export const SecretPayloadSchema = z.strictObject({
  accessToken: z.string(),
  refreshToken: z.string().nullable(),
  extra: z.record(z.string(), z.json()),
});
export type SecretPayload = z.infer<typeof SecretPayloadSchema>;

/**
 * The shape check on every decrypt. The bytes are authenticated (GCM) and were written by the
 * vault itself from a validated payload, so a structural check is enough on the read path; the
 * full schema runs on what is about to be sealed.
 */
export function isSecretPayload(value: unknown): value is SecretPayload {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accessToken === 'string' &&
    (v.refreshToken === null || typeof v.refreshToken === 'string') &&
    typeof v.extra === 'object' &&
    v.extra !== null &&
    !Array.isArray(v.extra) &&
    Object.keys(v).length === 3
  );
}

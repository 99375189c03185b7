import { z } from 'zod';

/** What is inside the ciphertext. Only the vault ever sees it in the clear. */
export const SecretPayloadSchema = z.strictObject({
  accessToken: z.string(),
  refreshToken: z.string().nullable(),
  extra: z.record(z.string(), z.json()),
});
export type SecretPayload = z.infer<typeof SecretPayloadSchema>;

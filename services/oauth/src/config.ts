import { commonEnv, port } from '@switchboard/platform';
import { z } from 'zod';

export const OAuthEnvSchema = z.object({
  ...commonEnv,
  HTTP_PORT: port(3001),
  /** The gateway's public base URL; callbacks are `<PUBLIC_URL>/api/v1/social-account/callback/<type>`. */
  PUBLIC_URL: z.url(),
  SANDBOX_URL: z.url().optional(),
  OAUTH_FLOW_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(600),
  /** How long a pending channel selection waits for the user's choice. */
  OAUTH_SELECTION_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1800),
});
export type OAuthEnv = z.infer<typeof OAuthEnvSchema>;
export const OAUTH_ENV = Symbol('OAUTH_ENV');

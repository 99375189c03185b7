import { commonEnv, port } from '@switchboard/platform';
import { z } from 'zod';

export const NotifierEnvSchema = z.object({
  ...commonEnv,
  HTTP_PORT: port(3004),
  /** e.g. `smtp://user:pass@mail.example.com:587` or `smtps://…`. */
  SMTP_URL: z.string().refine((v) => /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL'),
  MAIL_FROM: z.string().min(3).default('Switchboard <no-reply@switchboard.local>'),
  PUBLIC_URL: z.url(),
  /** How often pending emails are looked for (ms). */
  EMAIL_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(500),
});
export type NotifierEnv = z.infer<typeof NotifierEnvSchema>;
export const NOTIFIER_ENV = Symbol('NOTIFIER_ENV');

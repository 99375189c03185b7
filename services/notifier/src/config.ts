import { commonEnv, port } from '@switchboard/platform';
import { z } from 'zod';

const ms = (fallback: number, min = 10, max = 86_400_000) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const seconds = (fallback: number, min = 1) =>
  z.coerce
    .number()
    .int()
    .min(min)
    .max(365 * 86_400)
    .default(fallback);

export const NotifierEnvSchema = z.object({
  ...commonEnv,
  HTTP_PORT: port(3004),
  /** e.g. `smtp://user:pass@mail.example.com:587` or `smtps://…`. */
  SMTP_URL: z.string().refine((v) => /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL'),
  MAIL_FROM: z.string().min(3).default('Switchboard <no-reply@switchboard.local>'),
  /** The gateway's public base URL: Reconnect links point there. */
  PUBLIC_URL: z.url(),
  /** Signs Reconnect links (the gateway verifies them) and seals webhook secrets at rest. */
  PORTAL_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters'),
  RECONNECT_LINK_TTL_SECONDS: seconds(7 * 86_400, 60),
  /** How often pending emails are looked for (ms). */
  EMAIL_POLL_MS: ms(500, 50, 60_000),
  EMAIL_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(5),
  EMAIL_RETRY_MAX_MS: ms(600_000, 100),
  EMAIL_GIVE_UP_SECONDS: seconds(86_400),
  /** How long the gateway's answer "who are this team's recipients" is reused (0 = never). */
  RECIPIENTS_CACHE_MS: ms(2000, 0, 60_000),
  /** Reminders for an unresolved failure, in seconds after it (default 1, 3 and 7 days). */
  REMINDER_SCHEDULE_SECONDS: z
    .string()
    .default('86400,259200,604800')
    .transform((v, ctx) => {
      const steps = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map(Number);
      if (steps.length > 10 || steps.some((n) => !Number.isInteger(n) || n <= 0)) {
        ctx.addIssue({
          code: 'custom',
          message: 'comma-separated positive whole seconds, at most 10',
        });
        return z.NEVER;
      }
      return [...steps].sort((a, b) => a - b);
    }),
  REMINDER_POLL_MS: ms(30_000, 50, 3_600_000),
  WEBHOOK_POLL_MS: ms(500, 50, 60_000),
  WEBHOOK_TIMEOUT_MS: ms(10_000, 100, 60_000),
  /** First retry delay; each further one doubles, up to WEBHOOK_RETRY_MAX_MS. */
  WEBHOOK_RETRY_BASE_MS: ms(30_000, 10),
  WEBHOOK_RETRY_MAX_MS: ms(3_600_000, 10),
  /** A delivery is retried for this long, then marked failed. */
  WEBHOOK_MAX_AGE_SECONDS: seconds(86_400),
  /** A subscription whose deliveries have all failed for this long is disabled. */
  WEBHOOK_DISABLE_AFTER_SECONDS: seconds(3 * 86_400),
});
export type NotifierEnv = z.infer<typeof NotifierEnvSchema>;
export const NOTIFIER_ENV = Symbol('NOTIFIER_ENV');

import { z } from 'zod';
import { CliError, ExitCodes } from './cli-error';

/**
 * Where the CLI finds the system, from the environment (never from arguments, so no secret lands
 * in shell history): the gateway and an admin API key for account commands; NATS (the `ops` user)
 * for the operator RPCs; PostgreSQL for migrations.
 */
const EnvSchema = z.object({
  SWITCHBOARD_URL: z.url().optional(),
  SWITCHBOARD_API_KEY: z.string().min(16).max(500).optional(),
  NATS_URL: z
    .string()
    .refine((v) => v.split(',').every((u) => /^(nats|tls):\/\//.test(u.trim())), 'nats:// URL(s)')
    .optional(),
  NATS_USER: z.string().min(1).max(100).optional(),
  NATS_PASSWORD: z.string().min(1).max(1000).optional(),
  NATS_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9]{0,30}$/)
    .optional(),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'postgres:// URL')
    .optional(),
});
export type CliEnv = z.infer<typeof EnvSchema>;

export function readEnv(source: Record<string, string | undefined>): CliEnv {
  const picked: Record<string, string | undefined> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    picked[key] = source[key] === '' ? undefined : source[key];
  }
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    // names the variable, never echoes its value
    const names = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new CliError('config-invalid', names.join('; '), ExitCodes.config);
  }
  return parsed.data;
}

export function required<K extends keyof CliEnv>(
  env: CliEnv,
  key: K,
  why: string,
): NonNullable<CliEnv[K]> {
  const value = env[key];
  if (value === undefined) {
    throw new CliError('config-missing', `${key} is not set (${why})`, ExitCodes.config);
  }
  return value;
}

import { z } from 'zod';

export const port = (fallback: number) =>
  z.coerce.number().int().min(1).max(65535).default(fallback);
/** Connections in the service's PostgreSQL pool (PostgreSQL's `max_connections` bounds the sum). */
export const poolSize = (fallback: number) =>
  z.coerce.number().int().min(1).max(500).default(fallback);
export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL');
const natsUrl = z
  .string()
  .refine(
    (v) => v.split(',').every((u) => /^(nats|tls):\/\//.test(u.trim())),
    'must be nats:// URL(s)',
  );

/** Variables every service reads. */
export const commonEnv = {
  DATABASE_URL: postgresUrl,
  DB_POOL_SIZE: poolSize(10),
  NATS_URL: natsUrl,
  NATS_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9]{0,30}$/, 'lowercase letters and digits, starting with a letter')
    .optional(),
  /** NATS user of this service (deploy/nats); set with NATS_PASSWORD, or neither. */
  NATS_USER: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes')
    .optional(),
  NATS_PASSWORD: z.string().min(1).max(1000).optional(),
  HTTP_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  DEV_MODE: bool(false),
};

export const CommonEnvSchema = z.object(commonEnv);
export type CommonEnv = z.infer<typeof CommonEnvSchema>;

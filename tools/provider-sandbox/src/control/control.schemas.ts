import { z } from 'zod';

import { FAULT_KINDS } from '../core/state/faults';
import { UserNameSchema } from '../core/state/user-name';
import { servedPlatformTypes } from '../platforms/registry';

const TEN_YEARS_SECONDS = 10 * 365 * 24 * 3600;

export const PlatformTypeParamSchema = z.enum(servedPlatformTypes());

export const FailRequestSchema = z.strictObject({
  type: PlatformTypeParamSchema,
  kind: z.enum(FAULT_KINDS),
  count: z.number().int().min(1).max(10_000),
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
});

export const TtlRequestSchema = z.strictObject({
  type: PlatformTypeParamSchema,
  accessTtlSeconds: z.number().int().min(0).max(TEN_YEARS_SECONDS),
  /** `null`: refresh tokens issued afterwards never expire. */
  refreshTtlSeconds: z.number().int().min(0).max(TEN_YEARS_SECONDS).nullable().optional(),
});

export const RevokeRequestSchema = z.strictObject({
  type: PlatformTypeParamSchema,
  user: UserNameSchema,
});

export const GrantsQuerySchema = z.strictObject({
  type: PlatformTypeParamSchema.optional(),
  user: UserNameSchema.optional(),
});

export const ClientRegistrationSchema = z.strictObject({
  clientId: z
    .string()
    .regex(/^[\x21-\x7E]{1,200}$/, 'expected 1-200 visible ASCII characters without spaces'),
  public: z.boolean().default(false),
  redirectUris: z
    .array(z.url({ protocol: /^https?$/ }))
    .min(1)
    .max(20)
    .optional(),
});

export const UserParamsSchema = z.object({ name: UserNameSchema });

import { z } from 'zod';
import { IsoTimeSchema } from '../common';
import { eventSchema } from '../envelope';
import { accountRef } from './account-fields';

export const REFRESH_FAILURE_REASONS = [
  'reauth_required',
  'permission_lost',
  'transient_exhausted',
] as const;

export const REFRESH_FAILED_V1 = 'switchboard.token.refresh_failed.v1';
export const RefreshFailedV1Data = z.strictObject({
  ...accountRef,
  credentialVersion: z.number().int().positive(),
  reason: z.enum(REFRESH_FAILURE_REASONS),
  /** Human-readable cause, free of secrets (e.g. the provider's error code). */
  detail: z.string().max(1000),
  providerError: z.string().max(200).nullable(),
  missingScopes: z.array(z.string().max(200)).max(100),
  failedAt: IsoTimeSchema,
});
export const RefreshFailedV1 = eventSchema(REFRESH_FAILED_V1, RefreshFailedV1Data);
export type RefreshFailedV1 = z.infer<typeof RefreshFailedV1>;

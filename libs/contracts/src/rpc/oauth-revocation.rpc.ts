import { z } from 'zod';
import { defineRpc } from './define';

/**
 * A platform told us a user withdrew access (Meta's deauthorize / data-deletion callbacks,
 * Slack's `tokens_revoked`…). The payload is verified by the platform's adapter; every
 * connection that user authorized turns EXPIRED at once.
 */
export const OAuthPlatformRevoked = defineRpc(
  'oauth.platform.revoked',
  z.strictObject({
    typeSegment: z.string().max(100),
    kind: z.enum(['deauthorize', 'data_deletion']),
    payload: z.string().min(1).max(20_000),
  }),
  z.strictObject({
    connections: z.number().int().nonnegative(),
    /** For data-deletion requests: the code the platform shows the user, to check the status. */
    confirmationCode: z.string().nullable(),
  }),
);

export const OAuthDeletionStatus = defineRpc(
  'oauth.deletion.status',
  z.strictObject({ confirmationCode: z.string().min(1).max(100) }),
  z.strictObject({
    confirmationCode: z.string(),
    status: z.enum(['completed']),
    requestedAt: z.string(),
    connections: z.number().int().nonnegative(),
  }),
);

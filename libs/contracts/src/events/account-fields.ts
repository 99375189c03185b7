import { z } from 'zod';
import { IdSchema, IsoTimeSchema, MetadataSchema } from '../common';
import { PlatformTypeSchema } from '../platform';

/** Fields every account event carries: which connection, which team, which platform. */
export const accountRef = {
  connectionId: IdSchema,
  teamId: IdSchema,
  type: PlatformTypeSchema,
};

/** What is known about an account when it is (re)connected. Never a token. */
export const connectedAccountFields = {
  ...accountRef,
  externalId: z.string().min(1).max(200),
  displayName: z.string().max(300),
  avatarUrl: z.url().max(2000).nullable(),
  memberId: IdSchema.nullable(),
  endUserId: z.string().max(200).nullable(),
  metadata: MetadataSchema,
  scopes: z.array(z.string().max(200)).max(100),
  credentialVersion: z.number().int().positive(),
  expiresAt: IsoTimeSchema.nullable(),
  refreshable: z.boolean(),
  refreshExpiresAt: IsoTimeSchema.nullable(),
  connectedAt: IsoTimeSchema,
  /**
   * The developer app the tokens were issued to when it is not the deployment's: a team's own
   * app (`team-…`) or a Mastodon instance's (`mastodon-…`). Rate budgets are kept per app.
   */
  appKey: z.string().max(100).optional(),
};

import { z } from 'zod';
import { IdSchema } from '../common';
import { PlatformTypeSchema } from '../platform';
import { CredentialInputSchema } from './vault.rpc';
import { defineRpc } from './define';

/**
 * A user-level grant kept so channels can be listed and chosen (now, or later to switch a
 * connection's channel) without redoing OAuth — e.g. a Facebook user token behind Page tokens.
 * Only the oauth service may put or read grants.
 */
export const VaultGrantPut = defineRpc(
  'vault.grants.put',
  z.strictObject({
    grantId: IdSchema,
    teamId: IdSchema,
    type: PlatformTypeSchema,
    credential: CredentialInputSchema,
  }),
  z.strictObject({ stored: z.literal(true) }),
);

export const VaultGrantGet = defineRpc(
  'vault.grants.get',
  z.strictObject({ grantId: IdSchema, teamId: IdSchema }),
  CredentialInputSchema,
);

import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from '../common';
import { PlatformTypeSchema } from '../platform';
import { defineRpc } from './define';
import { ConnectedAccountSchema } from './oauth.rpc';

export const ChannelCandidateSchema = z.strictObject({
  id: z.string().max(300),
  name: z.string().max(300),
  avatarUrl: z.string().max(2000).nullable(),
  eligible: z.boolean(),
  detail: z.string().max(500).nullable(),
});
export type ChannelCandidateView = z.infer<typeof ChannelCandidateSchema>;

export const SelectionViewSchema = z.strictObject({
  id: IdSchema,
  teamId: IdSchema,
  type: PlatformTypeSchema,
  expiresAt: IsoTimeSchema,
  status: z.enum(['pending', 'completed', 'expired']),
  multiple: z.boolean(),
  candidates: z.array(ChannelCandidateSchema),
});

export const OAuthSelectionGet = defineRpc(
  'oauth.selection.get',
  z.strictObject({ selectionId: IdSchema }),
  SelectionViewSchema,
);

export const OAuthSelectionComplete = defineRpc(
  'oauth.selection.complete',
  z.strictObject({
    selectionId: IdSchema,
    teamId: IdSchema,
    channelIds: z.array(z.string().min(1).max(300)).min(1).max(50),
  }),
  z.strictObject({ accounts: z.array(ConnectedAccountSchema) }),
);

/** Candidates for an existing connection, from the grant it was made with (switching channels). */
export const OAuthConnectionChannels = defineRpc(
  'oauth.connection.channels',
  z.strictObject({ connectionId: IdSchema, teamId: IdSchema }),
  z.strictObject({ candidates: z.array(ChannelCandidateSchema) }),
);

export const OAuthConnectionSwitch = defineRpc(
  'oauth.connection.switch',
  z.strictObject({
    connectionId: IdSchema,
    teamId: IdSchema,
    channelId: z.string().min(1).max(300),
  }),
  z.strictObject({ account: ConnectedAccountSchema }),
);

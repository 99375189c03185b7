import { z } from 'zod';

const channelId = z.string().min(1).max(300);

/** `{channelId}` or `{channelIds: [...]}` (API.md). */
export const CompleteSelectionBody = z.union([
  z.strictObject({ channelId }),
  z.strictObject({ channelIds: z.array(channelId).min(1).max(50) }),
]);
export type CompleteSelectionBody = z.infer<typeof CompleteSelectionBody>;

export const SwitchChannelBody = z.strictObject({ channelId });

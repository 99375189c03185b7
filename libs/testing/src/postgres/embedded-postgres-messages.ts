import { z } from 'zod';

/** What the parent tells the embedded-postgres host process (over the IPC channel). */
export const HostConfigSchema = z.strictObject({
  dataDir: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  user: z.string().min(1),
  password: z.string().min(1),
  /** false = fsync off and friends: faster, survives process crashes but not OS crashes. */
  durable: z.boolean(),
});
export type HostConfig = z.infer<typeof HostConfigSchema>;

export const ParentMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('start'), config: HostConfigSchema }),
  z.strictObject({ type: z.literal('stop') }),
]);
export type ParentMessage = z.infer<typeof ParentMessageSchema>;

/** What the host process answers. */
export const HostMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('ready'),
    /** How long `initdb` took, or null when the data dir was already initialised. */
    initMs: z.number().nullable(),
    startMs: z.number(),
    postmasterPid: z.number().int().nullable(),
  }),
  z.strictObject({ type: z.literal('failed'), message: z.string() }),
  z.strictObject({ type: z.literal('stopped') }),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

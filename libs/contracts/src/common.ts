import { z } from 'zod';

export const IdSchema = z.uuid();
export const IsoTimeSchema = z.iso.datetime({ offset: true });
export const MetadataSchema = z
  .record(z.string().max(64), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
  .refine((m) => Object.keys(m).length <= 50, 'metadata holds at most 50 keys');
export type Metadata = z.infer<typeof MetadataSchema>;

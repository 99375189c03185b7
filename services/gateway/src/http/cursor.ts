import { CodedError, ErrorCodes } from '@switchboard/contracts';
import { z } from 'zod';

/** Keyset cursors: opaque to clients, `(time, id)` inside. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

const CursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

export function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = CursorSchema.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    return { at, id };
  } catch {
    throw new CodedError(ErrorCodes.validation, 'cursor: not a cursor this API returned');
  }
}

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
};

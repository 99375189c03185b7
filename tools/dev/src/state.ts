import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';

/** What dev mode remembers between runs (.dev/state.json). Nothing secret. */
export const DevStateSchema = z.object({
  demoTeamId: z.string().min(1).optional(),
});
export type DevState = z.infer<typeof DevStateSchema>;

/** The saved state; an empty state when the file is missing or unreadable. */
export async function readDevState(file: string): Promise<DevState> {
  try {
    const parsed = DevStateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export async function writeDevState(file: string, state: DevState): Promise<void> {
  await writeFile(file, `${JSON.stringify(DevStateSchema.parse(state), null, 2)}\n`);
}

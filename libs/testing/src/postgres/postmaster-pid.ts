import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The postmaster's pid from `<dataDir>/postmaster.pid`, or null when there is none. */
export async function readPostmasterPid(dataDir: string): Promise<number | null> {
  try {
    const first = (await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0];
    const pid = Number.parseInt(first ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

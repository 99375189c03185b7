import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/** The monorepo root: the nearest ancestor whose package.json declares `workspaces`. */
export function repoRoot(start: string = __dirname): string {
  if (cached !== undefined && start === __dirname) return cached;
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && hasWorkspaces(manifest)) {
      if (start === __dirname) cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`no package.json with "workspaces" above ${start}`);
    }
    dir = parent;
  }
}

function hasWorkspaces(manifest: string): boolean {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'workspaces' in parsed;
  } catch {
    return false;
  }
}

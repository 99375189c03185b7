import { isAbsolute, join } from 'node:path';
import { repoRoot } from '../repo-root';
import { spawnManaged, type ManagedProcess, type OutputStream } from './managed-process';

export interface SpawnProcessOptions {
  /** Shown in errors and used for the log file name. */
  name: string;
  /** TypeScript entry point, absolute or relative to the repo root. */
  entry: string;
  /** Merged over a minimal inherited environment (PATH, HOME). `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Working directory. Default: the repo root. */
  cwd?: string;
  /** Extra arguments after the entry point. */
  args?: string[];
  /** Own process group (terminal Ctrl-C does not reach it; signals go to the group). */
  detached?: boolean;
  /** Called for every output line. */
  onLine?: (line: string, stream: OutputStream) => void;
  /** Keep only the last N lines in `lines`. Default: all. */
  maxLines?: number;
}

/** The variables a child inherits from this process; everything else must be passed in `env`. */
export function minimalEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME'] as const) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** Runs `node -r <repo>/tools/register.js <entry>` (TypeScript via swc-node, tsconfig paths). */
export function spawnProcess(options: SpawnProcessOptions): Promise<ManagedProcess> {
  const root = repoRoot();
  const entry = isAbsolute(options.entry) ? options.entry : join(root, options.entry);
  const env = minimalEnv();
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return spawnManaged({
    name: options.name,
    command: process.execPath,
    args: ['-r', join(root, 'tools', 'register.js'), entry, ...(options.args ?? [])],
    env,
    cwd: options.cwd ?? root,
    detached: options.detached,
    onLine: options.onLine,
    maxLines: options.maxLines,
  });
}

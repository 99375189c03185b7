import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../repo-root';

/** Whether `SB_TEST_LOGS` asks for process output to be kept under artifacts/logs. */
export function logsRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env['SB_TEST_LOGS'];
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/** Opens `<repo>/artifacts/logs/<name>-<pid>.log` for appending. */
export function openLineLog(name: string, pid: number): WriteStream {
  const dir = join(repoRoot(), 'artifacts', 'logs');
  mkdirSync(dir, { recursive: true });
  const safeName = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return createWriteStream(join(dir, `${safeName}-${pid}.log`), { flags: 'a' });
}

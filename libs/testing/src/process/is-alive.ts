import { readFileSync } from 'node:fs';

/**
 * Whether a process is running: it exists and (where /proc tells) is not a zombie — an exited
 * process whose new parent has not reaped it yet still answers `kill(pid, 0)`.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true;
  }
}

import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

let cached: string | null | undefined;

/** util-linux `setpriv`, if this is Linux and it is installed. */
function setpriv(): string | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (process.platform !== 'linux') return cached;
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/bin', '/bin'];
  for (const dir of dirs.filter(Boolean)) {
    try {
      accessSync(join(dir, 'setpriv'), constants.X_OK);
      cached = join(dir, 'setpriv');
      break;
    } catch {
      // not here
    }
  }
  return cached;
}

/**
 * Wraps a command so the kernel sends it SIGTERM when this process dies, however it dies
 * (SIGKILL included, and inside Jest, whose sandboxed `process` never sees 'exit').
 * `setpriv --pdeathsig TERM -- cmd …` sets PR_SET_PDEATHSIG and execs cmd: same pid, no extra
 * process. Without setpriv (not Linux, or util-linux missing) the command runs as is and only
 * killAll() / the exit hook protect against leftovers.
 */
export function withParentDeathSignal(
  command: string,
  args: string[],
): { command: string; args: string[] } {
  const wrapper = setpriv();
  return wrapper === null
    ? { command, args }
    : { command: wrapper, args: ['--pdeathsig', 'TERM', '--', command, ...args] };
}

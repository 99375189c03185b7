import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const ENTRY = 'tools/provider-sandbox/src/main.ts';

function runMain(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['-r', './tools/register.js', ENTRY], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
  });
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return line;
}

describe('main.ts (the sandbox as its own process)', () => {
  it('logs one JSON line with its URL and SMTP port, serves, and exits 0 on SIGTERM', async () => {
    const child = runMain({ SANDBOX_PORT: '0', SANDBOX_SMTP_PORT: '0', SANDBOX_HOST: '127.0.0.1' });
    try {
      const logged = JSON.parse(await firstLine(child)) as {
        msg: string;
        url: string;
        smtpPort: number;
      };
      expect(logged).toEqual({
        msg: 'sandbox listening',
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) as string,
        smtpPort: expect.any(Number) as number,
      });
      const health = await fetch(`${logged.url}/_sandbox/health`);
      expect(await health.json()).toEqual({ ok: true });

      const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it.each([
    ['SANDBOX_PORT', { SANDBOX_PORT: 'eighty' }],
    ['SANDBOX_SMTP_PORT', { SANDBOX_SMTP_PORT: '70000' }],
    ['SANDBOX_HOST', { SANDBOX_HOST: 'not a host!' }],
  ])('exits 1 naming %s when it is invalid', async (name, env) => {
    const child = runMain(env);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // 'close', not 'exit': only 'close' guarantees stderr has been read to the end.
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain(name);
  });
});

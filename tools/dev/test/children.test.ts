import { join } from 'node:path';
import { freePort, isProcessAlive, killAll, waitFor } from '@switchboard/testing';
import { createChildren } from '../src/children';
import { DevError } from '../src/dev-error';
import { Lifecycle } from '../src/lifecycle';
import type { Output } from '../src/output';
import type { ChildSpec } from '../src/services';

const FAKE = join(__dirname, 'fixtures', 'fake-service.ts');

function recordingOutput(): Output & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    say: (m) => lines.push(`dev | ${m}`),
    line: (name, text) => lines.push(`${name} | ${text}`),
    raw: (text) => lines.push(text),
  };
}

async function fake(name: string, env: Record<string, string> = {}): Promise<ChildSpec> {
  const port = await freePort();
  return {
    name,
    entry: FAKE,
    env: { HTTP_PORT: String(port), OTEL_SERVICE_NAME: name, ...env },
    readyUrl: `http://127.0.0.1:${port}/health/ready`,
  };
}

const alive = isProcessAlive;

function pidsIn(lines: string[]): number[] {
  return lines.flatMap((line) => {
    const match = /pid=(\d+)/.exec(line);
    return match?.[1] ? [Number(match[1])] : [];
  });
}

afterAll(() => killAll());

describe('dev children', () => {
  it('starts processes, prefixes their output, waits until ready, and stops them', async () => {
    const output = recordingOutput();
    const lifecycle = new Lifecycle(output.say);
    const unexpected = jest.fn();
    const children = createChildren({ output, lifecycle, onUnexpectedExit: unexpected });
    await children.start([await fake('alpha'), await fake('beta')]);
    expect(output.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^alpha \| alpha listening on \d+ pid=\d+$/),
        expect.stringMatching(/^beta \| beta listening on \d+ pid=\d+$/),
      ]),
    );
    const pids = pidsIn(output.lines);
    expect(pids).toHaveLength(2);
    expect(pids.every(alive)).toBe(true);

    await lifecycle.shutdown();
    expect(pids.some(alive)).toBe(false);
    expect(output.lines).toEqual(expect.arrayContaining(['alpha | alpha shutting down']));
    expect(unexpected).not.toHaveBeenCalled();
  });

  it('fails with the last lines when a child is not ready in time', async () => {
    const output = recordingOutput();
    const lifecycle = new Lifecycle(output.say);
    const children = createChildren({
      output,
      lifecycle,
      onUnexpectedExit: () => undefined,
      readyTimeoutMs: 1_500,
    });
    const error = await children
      .start([await fake('slow', { FAKE_NEVER_READY: '1' })])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevError);
    expect((error as DevError).message).toMatch(
      /^slow was not ready within 1\.5 s \(.*answered 503.*\)\. Its last lines:\n {4}slow listening on/s,
    );
    await lifecycle.shutdown();
  });

  it('reports a child that exits on its own, with its last lines', async () => {
    const output = recordingOutput();
    const lifecycle = new Lifecycle(output.say);
    const reports: string[] = [];
    const children = createChildren({
      output,
      lifecycle,
      onUnexpectedExit: (message) => reports.push(message),
    });
    await children.start([await fake('crashy', { FAKE_CRASH_AFTER_MS: '300' })]);
    await waitFor(() => reports.length > 0, { what: 'the crash report', timeoutMs: 10_000 });
    expect(reports[0]).toMatch(
      /^crashy exited unexpectedly \(code 3\)\. Its last lines:\n[\s\S]*crashy: crashing on purpose$/,
    );
    await lifecycle.shutdown();
  });

  it('SIGKILLs a child that ignores SIGTERM', async () => {
    const output = recordingOutput();
    const lifecycle = new Lifecycle(output.say);
    const children = createChildren({
      output,
      lifecycle,
      onUnexpectedExit: () => undefined,
      stopTimeoutMs: 500,
    });
    await children.start([await fake('stubborn', { FAKE_IGNORE_SIGTERM: '1' })]);
    const [pid] = pidsIn(output.lines);
    await lifecycle.shutdown();
    expect(alive(pid)).toBe(false);
  });
});

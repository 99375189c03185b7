import { readSandboxEnv } from './env';

describe('readSandboxEnv', () => {
  it('defaults to 4100, 2525 and 127.0.0.1', () => {
    expect(readSandboxEnv({})).toEqual({
      ok: true,
      env: { port: 4100, smtpPort: 2525, host: '127.0.0.1' },
    });
  });

  it('treats empty values as unset', () => {
    expect(readSandboxEnv({ SANDBOX_PORT: '', SANDBOX_HOST: '' })).toMatchObject({
      ok: true,
      env: { port: 4100, host: '127.0.0.1' },
    });
  });

  it('reads valid values, port 0 included', () => {
    expect(
      readSandboxEnv({ SANDBOX_PORT: '0', SANDBOX_SMTP_PORT: '1025', SANDBOX_HOST: '::1' }),
    ).toEqual({ ok: true, env: { port: 0, smtpPort: 1025, host: '::1' } });
    expect(readSandboxEnv({ SANDBOX_HOST: 'sandbox.local' })).toMatchObject({ ok: true });
  });

  it.each([
    [{ SANDBOX_PORT: '41OO' }, 'SANDBOX_PORT'],
    [{ SANDBOX_PORT: '-1' }, 'SANDBOX_PORT'],
    [{ SANDBOX_PORT: '65536' }, 'SANDBOX_PORT'],
    [{ SANDBOX_PORT: '4100.5' }, 'SANDBOX_PORT'],
    [{ SANDBOX_SMTP_PORT: 'smtp' }, 'SANDBOX_SMTP_PORT'],
    [{ SANDBOX_HOST: 'http://localhost' }, 'SANDBOX_HOST'],
    [{ SANDBOX_HOST: 'bad host' }, 'SANDBOX_HOST'],
  ])('rejects %j naming %s', (env, name) => {
    const result = readSandboxEnv(env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(name);
  });
});

import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first value that is neither undefined nor false', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls < 3 ? false : { calls }), {
      what: 'three calls',
      intervalMs: 1,
    });
    expect(value).toEqual({ calls: 3 });
  });

  it('accepts null, 0 and empty strings as answers', async () => {
    await expect(waitFor(() => 0, { what: 'zero' })).resolves.toBe(0);
    await expect(waitFor(() => null, { what: 'null' })).resolves.toBeNull();
  });

  it('treats a throwing probe as not yet and reports the last error on timeout', async () => {
    let calls = 0;
    const error = await waitFor(
      () => {
        calls += 1;
        throw new Error(`refused #${calls}`);
      },
      { what: 'the database', timeoutMs: 50, intervalMs: 5 },
    ).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(
      /^timed out after 50ms waiting for the database \(last error: refused #\d+\)$/,
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('abandons a probe that hangs past the deadline', async () => {
    const began = Date.now();
    await expect(
      waitFor(() => new Promise<boolean>(() => undefined), { what: 'a hang', timeoutMs: 50 }),
    ).rejects.toThrow('timed out after 50ms waiting for a hang');
    expect(Date.now() - began).toBeLessThan(1_000);
  });
});

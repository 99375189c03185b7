import { waitFor } from '../wait-for';

export interface WaitForHttpOptions {
  /** Expected status. Default 200. */
  status?: number;
  /** Default 30 000 ms. */
  timeoutMs?: number;
  /** Default 200 ms. */
  intervalMs?: number;
}

/** Polls `GET url` until it answers with `status`. */
export async function waitForHttp(url: string, options: WaitForHttpOptions = {}): Promise<void> {
  const expected = options.status ?? 200;
  await waitFor(
    async () => {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status !== expected) {
        throw new Error(`GET ${url} answered ${response.status}`);
      }
      return true;
    },
    {
      what: `GET ${url} to answer ${expected}`,
      timeoutMs: options.timeoutMs ?? 30_000,
      intervalMs: options.intervalMs ?? 200,
    },
  );
}

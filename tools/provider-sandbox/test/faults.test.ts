import type { GrantItem, StatsBody } from './support/control-types';
import { GENERIC, SandboxHarness, TWITTER } from './support/sandbox-harness';

describe('fault injection on token calls', () => {
  let sandbox: SandboxHarness;

  beforeAll(async () => {
    sandbox = await SandboxHarness.start();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  async function fail(body: Record<string, unknown>): Promise<void> {
    const res = await sandbox.control('POST', '/fail', body);
    expect(res.status).toBe(200);
  }

  it('429 on X carries Retry-After and X’s rate-limit headers, then calls succeed again', async () => {
    const tokens = await sandbox.connect(TWITTER);
    await fail({ type: 'TWITTER', kind: '429', count: 2, retryAfterSeconds: 17 });
    const before = Math.floor(Date.now() / 1000);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const res = await sandbox.refresh(TWITTER, tokens.refresh_token!);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('17');
      expect(res.headers.get('x-rate-limit-limit')).toMatch(/^\d+$/);
      expect(res.headers.get('x-rate-limit-remaining')).toBe('0');
      const reset = Number(res.headers.get('x-rate-limit-reset'));
      expect(reset).toBeGreaterThanOrEqual(before + 17);
      expect(reset).toBeLessThanOrEqual(before + 19);
      expect(res.body).toMatchObject({ title: 'Too Many Requests', status: 429 });
    }
    // The faults did not touch the refresh token: it still works once.
    expect((await sandbox.refresh(TWITTER, tokens.refresh_token!)).status).toBe(200);
  });

  it('429 on GENERIC carries Retry-After (default 60)', async () => {
    const tokens = await sandbox.connect(GENERIC);
    await fail({ type: 'GENERIC', kind: '429', count: 1 });
    const res = await sandbox.refresh(GENERIC, tokens.refresh_token!);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
  });

  it('500 answers a platform-shaped body', async () => {
    const tokens = await sandbox.connect(GENERIC);
    await fail({ type: 'GENERIC', kind: '500', count: 1 });
    const res = await sandbox.refresh(GENERIC, tokens.refresh_token!);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ error: 'server_error' });
  });

  it('invalid_grant answers 400 {"error":"invalid_grant"} without consuming the token', async () => {
    const tokens = await sandbox.connect(TWITTER);
    await fail({ type: 'TWITTER', kind: 'invalid_grant', count: 1 });
    const res = await sandbox.refresh(TWITTER, tokens.refresh_token!);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
    expect((await sandbox.refresh(TWITTER, tokens.refresh_token!)).status).toBe(200);
  });

  it('faults queue in order and apply only to their platform', async () => {
    const generic = await sandbox.connect(GENERIC);
    const twitter = await sandbox.connect(TWITTER);
    await fail({ type: 'TWITTER', kind: '500', count: 1 });
    await fail({ type: 'TWITTER', kind: '429', count: 1 });
    expect((await sandbox.refresh(GENERIC, generic.refresh_token!)).status).toBe(200);
    expect((await sandbox.refresh(TWITTER, twitter.refresh_token!)).status).toBe(500);
    expect((await sandbox.refresh(TWITTER, twitter.refresh_token!)).status).toBe(429);
    expect((await sandbox.refresh(TWITTER, twitter.refresh_token!)).status).toBe(200);
  });

  it('timeout holds the request without an answer until the client gives up', async () => {
    const tokens = await sandbox.connect(GENERIC);
    await fail({ type: 'GENERIC', kind: 'timeout', count: 1 });
    const started = Date.now();
    const attempt = fetch(`${sandbox.url}${GENERIC.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token!,
        client_id: GENERIC.clientId,
        client_secret: GENERIC.clientSecret,
      }).toString(),
      signal: AbortSignal.timeout(400),
    });
    await expect(attempt).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    // The held call was not performed: the refresh token still works.
    expect((await sandbox.refresh(GENERIC, tokens.refresh_token!)).status).toBe(200);
  });

  it('drop-response performs the rotation, then closes the socket without answering', async () => {
    const tokens = await sandbox.connect(TWITTER);
    await fail({ type: 'TWITTER', kind: 'drop-response', count: 1 });

    // undici reports a socket the server closed before answering as UND_ERR_SOCKET.
    await expect(sandbox.refresh(TWITTER, tokens.refresh_token!)).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { code: 'UND_ERR_SOCKET' },
    });

    const grants = await sandbox.control<{ items: GrantItem[] }>('GET', '/grants?type=TWITTER');
    expect(grants.body.items[0]).toMatchObject({
      status: 'active',
      refreshes: 1,
      refreshTokensIssued: 2,
    });
    // The client never saw the new refresh token; retrying with the old one is a reuse.
    const retry = await sandbox.refresh(TWITTER, tokens.refresh_token!);
    expect(retry.status).toBe(400);
    expect(retry.body.error).toBe('invalid_grant');
    const stats = await sandbox.control<StatsBody>('GET', '/stats');
    expect(stats.body.refreshTokenReuse).toBe(1);
  });

  it('stats count every token call by grant_type, injected failures included', async () => {
    const tokens = await sandbox.connect(TWITTER);
    await fail({ type: 'TWITTER', kind: '500', count: 1 });
    await sandbox.refresh(TWITTER, tokens.refresh_token!);
    await sandbox.refresh(TWITTER, tokens.refresh_token!);
    await sandbox.postForm(TWITTER.token, {});
    const stats = await sandbox.control<StatsBody>('GET', '/stats');
    expect(stats.body).toEqual({
      tokenCalls: { TWITTER: { authorization_code: 1, refresh_token: 2, unknown: 1 } },
      refreshTokenReuse: 0,
      revokeCalls: {},
    });
  });
});

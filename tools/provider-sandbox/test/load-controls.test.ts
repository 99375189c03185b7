import type { ControlError, StatsBody } from './support/control-types';
import { SandboxHarness, TWITTER } from './support/sandbox-harness';

interface Minted {
  grantId: string;
  user: string;
  accessToken: string;
  refreshToken: string | null;
  expiresIn: number;
  refreshExpiresIn: number | null;
  scopes: string[];
}

describe('load controls: minted grants, token latency, clearing faults', () => {
  let sandbox: SandboxHarness;

  beforeAll(async () => {
    sandbox = await SandboxHarness.start();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('mints grants that refresh and rotate like consented ones', async () => {
    await sandbox.control('POST', '/ttl', { type: 'TWITTER', accessTtlSeconds: 30 });
    const res = await sandbox.control<{ items: Minted[] }>('POST', '/grants', {
      type: 'TWITTER',
      count: 3,
      userPrefix: 'empty-load',
    });
    expect(res.status).toBe(201);
    expect(res.body.items).toHaveLength(3);
    expect(res.body.items.map((g) => g.user)).toEqual([
      'empty-load-0',
      'empty-load-1',
      'empty-load-2',
    ]);
    const [first] = res.body.items;
    expect(first).toMatchObject({ expiresIn: 30, scopes: ['offline.access'] });
    expect(first.refreshToken).toMatch(/^sbx_rt_/);

    const refreshed = await sandbox.refresh(TWITTER, first.refreshToken!);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(first.refreshToken);
    // the old one is spent: presenting it again is reuse and revokes the grant
    expect((await sandbox.refresh(TWITTER, first.refreshToken!)).body.error).toBe('invalid_grant');
    const stats = await sandbox.control<StatsBody>('GET', '/stats');
    expect(stats.body.refreshTokenReuse).toBe(1);
    // minting is not a token call
    expect(stats.body.tokenCalls.TWITTER).toEqual({ refresh_token: 2 });
  });

  it('mints no refresh token without the scope that X needs for one', async () => {
    const res = await sandbox.control<{ items: Minted[] }>('POST', '/grants', {
      type: 'TWITTER',
      count: 1,
      userPrefix: 'empty-load',
      scopes: ['tweet.read'],
    });
    expect(res.body.items[0].refreshToken).toBeNull();
  });

  it('refuses a bad mint request', async () => {
    const res = await sandbox.control<ControlError>('POST', '/grants', {
      type: 'TWITTER',
      count: 0,
      userPrefix: 'x',
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation-failed');
  });

  it('holds token calls for the configured latency until a reset', async () => {
    const [grant] = (
      await sandbox.control<{ items: Minted[] }>('POST', '/grants', {
        type: 'TWITTER',
        count: 1,
        userPrefix: 'empty-slow',
      })
    ).body.items;
    await sandbox.control('POST', '/latency', { type: 'TWITTER', ms: 300 });
    const started = Date.now();
    expect((await sandbox.refresh(TWITTER, grant.refreshToken!)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('ends an injected outage early', async () => {
    const [grant] = (
      await sandbox.control<{ items: Minted[] }>('POST', '/grants', {
        type: 'TWITTER',
        count: 1,
        userPrefix: 'empty-outage',
      })
    ).body.items;
    await sandbox.control('POST', '/fail', { type: 'TWITTER', kind: '500', count: 1000 });
    expect((await sandbox.refresh(TWITTER, grant.refreshToken!)).status).toBe(500);
    const cleared = await sandbox.control<{ cleared: number }>('POST', '/faults/clear', {
      type: 'TWITTER',
    });
    expect(cleared.body.cleared).toBe(999);
    expect((await sandbox.refresh(TWITTER, grant.refreshToken!)).status).toBe(200);
  });
});

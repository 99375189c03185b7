import type { GrantItem, StatsBody } from './support/control-types';
import { GENERIC, SandboxHarness, TWITTER, basicAuth } from './support/sandbox-harness';

describe.each([GENERIC, TWITTER])('refresh rotation: $type', (platform) => {
  let sandbox: SandboxHarness;

  beforeAll(async () => {
    sandbox = await SandboxHarness.start();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('each refresh issues a new refresh token and a new access token', async () => {
    const first = await sandbox.connect(platform);
    const second = await sandbox.refresh(platform, first.refresh_token!);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).toMatch(/^sbx_rt_/);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.access_token).not.toBe(first.access_token);
    const third = await sandbox.refresh(platform, second.body.refresh_token!);
    expect(third.status).toBe(200);
    expect((await sandbox.userInfo(platform, third.body.access_token)).status).toBe(200);
  });

  it('reusing a rotated refresh token revokes the whole grant and counts refreshTokenReuse', async () => {
    const first = await sandbox.connect(platform);
    const second = await sandbox.refresh(platform, first.refresh_token!);

    const reuse = await sandbox.refresh(platform, first.refresh_token!);
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe('invalid_grant');

    // The newest tokens died with the grant.
    const afterwards = await sandbox.refresh(platform, second.body.refresh_token!);
    expect(afterwards.body.error).toBe('invalid_grant');
    expect((await sandbox.userInfo(platform, second.body.access_token)).status).toBe(401);

    const stats = await sandbox.control<StatsBody>('GET', '/stats');
    expect(stats.body.refreshTokenReuse).toBe(1);
    const grants = await sandbox.control<{ items: GrantItem[] }>(
      'GET',
      `/grants?type=${platform.type}`,
    );
    expect(grants.body.items).toEqual([
      expect.objectContaining({
        status: 'revoked',
        revokedReason: 'refresh-token-reuse',
        refreshes: 1,
      }),
    ]);
  });

  it('a refresh token belongs to its client', async () => {
    const tokens = await sandbox.connect(platform);
    const res = await sandbox.postForm<{ error: string }>(
      platform.token,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! },
      basicAuth('sandbox-other', 'sandbox-other-secret'),
    );
    expect(res.body.error).toBe('invalid_grant');
  });

  it('refresh may narrow the scope but never widen it', async () => {
    const tokens = await sandbox.connect(platform);
    const firstScope = platform.scope.split(' ')[0];
    const auth = basicAuth(platform.clientId, platform.clientSecret);
    const narrowed = await sandbox.postForm<{ scope: string; refresh_token: string }>(
      platform.token,
      { grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, scope: firstScope },
      auth,
    );
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.scope).toBe(firstScope);
    const widened = await sandbox.postForm<{ error: string }>(
      platform.token,
      {
        grant_type: 'refresh_token',
        refresh_token: narrowed.body.refresh_token,
        scope: 'dm.write',
      },
      auth,
    );
    expect(widened.body.error).toBe('invalid_scope');
  });
});

import { findSecrets, testNatsUrl, waitFor } from '@switchboard/testing';
import { connectAccount, PRODUCT_ORIGIN, type TeamFixture } from './support/flows';
import { rpcRequest } from './support/rpc';
import { query } from './support/scheduler-seed';
import { SecretCollector } from './support/secrets';
import { System } from './support/system';

interface Account {
  id: string;
  type: string;
  externalId: string;
  displayName: string;
  status: string;
  statusReason: string | null;
  expiresAt: string | null;
  lastRefreshedAt: string | null;
}

interface Selection {
  type: string;
  expiresAt: string;
  candidates: { id: string; name: string; eligible: boolean; detail: string | null }[];
}

interface Token {
  accessToken: string;
  tokenType: string;
  expiresAt: string | null;
  scopes: string[];
  extra: Record<string, unknown>;
}

type RefreshOutcome =
  | { outcome: 'refreshed'; expiresAt: string | null; refreshable: boolean }
  | { outcome: 'transient'; retryAfterSeconds: number | null; reason: string };

/**
 * Facebook Pages, Instagram (both logins) and Threads through the five running services and the
 * sandbox: connect → choose the channel → refresh (or expiry warnings) → revoke, the callback
 * parameters of API.md, Meta's pushed revocations, and no secret in any log.
 */
describe('Meta platforms end to end', () => {
  const system = new System();
  let team: TeamFixture;
  let secrets: SecretCollector;
  let natsUrl: string;

  beforeAll(async () => {
    await system.start();
    natsUrl = await testNatsUrl();
    secrets = new SecretCollector(system.databaseUrl, system.keyringFile);
    secrets.add(system.adminKey);
    team = await enterpriseTeam();
  }, 180_000);

  /** Several connections per platform below: a plan without limits (else like `createTeam`). */
  async function enterpriseTeam(): Promise<TeamFixture> {
    const created = await system.api.post<{ id: string }>('/api/v1/team', {
      name: 'Meta team',
      plan: 'enterprise',
      allowedRedirectOrigins: [PRODUCT_ORIGIN],
    });
    expect(created.status).toBe(201);
    const memberEmail = `owner-${created.body.id.slice(0, 8)}@example.com`;
    const member = await system.api.post<{ id: string }>(`/api/v1/team/${created.body.id}/member`, {
      email: memberEmail,
      name: 'Owner',
      role: 'admin',
    });
    expect(member.status).toBe(201);
    return {
      teamId: created.body.id,
      memberId: member.body.id,
      memberEmail,
      redirectUrl: `${PRODUCT_ORIGIN}/connected`,
    };
  }

  afterAll(() => system.stop());

  async function account(id: string): Promise<Account> {
    const res = await system.api.get<Account>(`/api/v1/social-account/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  async function connect(type: string, user: string, action = 'approve'): Promise<URL> {
    const { landedOn, visited } = await connectAccount(system.api, team, {
      type,
      user,
      action,
      atProvider: () => secrets.pendingVerifiers(),
    });
    visited.forEach((url) => secrets.fromUrl(url));
    return landedOn;
  }

  async function select(
    landedOn: URL,
    param: string,
  ): Promise<{ selection: Selection; chosen: Account }> {
    const selectionId = landedOn.searchParams.get(param);
    expect(selectionId).toMatch(/^[0-9a-f-]{36}$/);
    const selection = await system.api.get<Selection>(
      `/api/v1/social-account/selection/${selectionId}`,
    );
    expect(selection.status).toBe(200);
    const eligible = selection.body.candidates.filter((c) => c.eligible);
    expect(eligible).toHaveLength(1);
    const done = await system.api.post<{ items: Account[] }>(
      `/api/v1/social-account/selection/${selectionId}`,
      { channelId: eligible[0].id },
    );
    expect(done.status).toBeLessThan(300);
    expect(done.body.items).toHaveLength(1);
    return { selection: selection.body, chosen: done.body.items[0] };
  }

  async function token(id: string): Promise<Token> {
    const res = await system.api.get<Token>(`/api/v1/social-account/${id}/token`);
    expect(res.status).toBe(200);
    secrets.add(res.body.accessToken);
    return res.body;
  }

  async function refresh(connectionId: string): Promise<RefreshOutcome> {
    const res = await rpcRequest<RefreshOutcome>(natsUrl, system.namespace, 'vault.refresh', {
      connectionId,
      teamId: team.teamId,
      trigger: 'manual',
    });
    expect(res.ok).toBe(true);
    return res.data!;
  }

  async function disconnect(id: string): Promise<void> {
    const res = await system.api.request('DELETE', `/api/v1/social-account/${id}`);
    expect(res.status).toBeLessThan(300);
    expect((await account(id)).status).toBe('DISCONNECTED');
  }

  async function sandboxPost(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${system.sandbox.url}/_sandbox${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return res.json();
  }

  async function status(id: string, wanted: string): Promise<Account> {
    return waitFor(
      async () => {
        const a = await account(id);
        return a.status === wanted ? a : undefined;
      },
      { timeoutMs: 30_000, what: `the account to turn ${wanted}` },
    );
  }

  describe('FACEBOOK', () => {
    it('connect → choose the Page → the Page token, expiry planned from the user token → disconnect', async () => {
      const landed = await connect('FACEBOOK', 'alice');
      const { selection, chosen } = await select(landed, 'facebook-select-channel');
      expect(selection.type).toBe('FACEBOOK');
      expect(selection.candidates).toHaveLength(2);
      expect(selection.candidates.find((c) => !c.eligible)?.detail).toContain('does not allow');
      expect(chosen).toMatchObject({
        type: 'FACEBOOK',
        displayName: "alice's Page",
        status: 'ACTIVE',
      });

      const page = await token(chosen.id);
      expect(page.extra).toEqual({ pageId: chosen.externalId });
      expect(page.accessToken).toMatch(/^sbx_pt_/);
      // Not refreshable: the connection lasts as long as the ~60-day user token.
      const days = (new Date(chosen.expiresAt!).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(59);
      expect(days).toBeLessThan(61);
      await secrets.vaultTokens();

      await disconnect(chosen.id);
    });

    it('a user token inside the warning ladder → the Page connection turns EXPIRING (no refresh exists)', async () => {
      await system.sandbox.ttl('FACEBOOK', 1800);
      try {
        const { chosen } = await select(
          await connect('FACEBOOK', 'erik'),
          'facebook-select-channel',
        );
        expect(new Date(chosen.expiresAt!).getTime() - Date.now()).toBeLessThanOrEqual(1_800_000);
        await status(chosen.id, 'EXPIRING');
      } finally {
        await system.sandbox.ttl('FACEBOOK', 5_183_944);
      }
    });

    it('a selection left mid-completion by a crashed process is taken over once its claim is stale', async () => {
      const landed = await connect('FACEBOOK', 'fiona');
      const selectionId = landed.searchParams.get('facebook-select-channel')!;
      const path = `/api/v1/social-account/selection/${selectionId}`;
      const { body } = await system.api.get<Selection>(path);
      const channelId = body.candidates.find((c) => c.eligible)!.id;
      // what a process killed between claiming and finishing leaves behind
      const claim = (ageSeconds: number) =>
        query(
          system.databaseUrl,
          `UPDATE oauth.selection SET status = 'completing',
             claimed_at = now() - make_interval(secs => $2) WHERE id = $1`,
          [selectionId, ageSeconds],
        );

      await claim(5);
      const busy = await system.api.post<{ code: string; message: string }>(path, { channelId });
      expect(busy.status).toBe(409);
      expect(busy.body.message).toContain('being completed');

      await claim(600);
      const taken = await system.api.post<{ items: Account[] }>(path, { channelId });
      expect(taken.status).toBeLessThan(300);
      expect(taken.body.items).toEqual([
        expect.objectContaining({ type: 'FACEBOOK', status: 'ACTIVE' }),
      ]);
      const again = await system.api.post<{ code: string; message: string }>(path, { channelId });
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('already completed');
      await disconnect(taken.body.items[0].id);
    });

    it('facebook-not-enough-pages, facebook-denied, facebook-not-enough-permissions', async () => {
      expect([...(await connect('FACEBOOK', 'empty-erin')).searchParams.keys()]).toEqual([
        'facebook-not-enough-pages',
      ]);
      expect([...(await connect('FACEBOOK', 'alice', 'deny')).searchParams.keys()]).toEqual([
        'facebook-denied',
      ]);
      const dropped = await connect('FACEBOOK', 'alice', 'drop-scopes:pages_show_list');
      expect(dropped.searchParams.has('facebook-not-enough-permissions')).toBe(true);
      expect(dropped.searchParams.get('missing')).toBe('pages_show_list');
    });

    it('Meta deauthorizes the app (signed request) → the Page connection turns EXPIRED at once', async () => {
      const landed = await connect('FACEBOOK', 'bob');
      const { chosen } = await select(landed, 'facebook-select-channel');
      const pushed = (await sandboxPost('/meta/deauthorize', {
        type: 'FACEBOOK',
        user: 'bob',
        callbackUrl: `${system.gatewayUrl}/api/v1/platform/facebook/deauthorize`,
      })) as { callback: { status: number } };
      expect(pushed.callback.status).toBe(200);
      await status(chosen.id, 'EXPIRED');
    });
  });

  describe('INSTAGRAM (Facebook Login)', () => {
    it('connect → choose the Instagram account → the Page token with Page and IG ids → disconnect', async () => {
      const landed = await connect('INSTAGRAM', 'alice');
      const { selection, chosen } = await select(landed, 'instagram-select-channel');
      expect(selection.candidates.find((c) => c.eligible)?.detail).toContain('@alice_biz');
      const ig = await token(chosen.id);
      expect(ig.extra).toEqual({
        igUserId: chosen.externalId,
        pageId: expect.any(String) as string,
      });
      await disconnect(chosen.id);
    });

    it('a personal account → instagram-not-enough-accounts', async () => {
      expect([...(await connect('INSTAGRAM', 'personal-pat')).searchParams.keys()]).toEqual([
        'instagram-not-enough-accounts',
      ]);
    });
  });

  describe.each([
    ['INSTAGRAM_LOGIN', 'instagram-login', 'instagram_business_basic'],
    ['THREADS', 'threads', 'threads_basic'],
  ])('%s', (type, prefix, basicScope) => {
    let accountId: string;

    it('connects, refuses to refresh before 24 hours, refreshes after', async () => {
      const landed = await connect(type, 'alice');
      expect([...landed.searchParams.entries()]).toEqual([[`${prefix}-callback`, 'success']]);
      const [connected] = (
        await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${team.teamId}`)
      ).body.items.filter((a) => a.type === type && a.displayName === 'Alice');
      accountId = connected.id;
      const first = await token(accountId);

      const early = await refresh(accountId);
      expect(early).toMatchObject({ outcome: 'transient' });
      expect((early as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(86_000);

      await sandboxPost('/age', { type, user: 'alice', hours: 25 });
      const later = await refresh(accountId);
      expect(later).toMatchObject({ outcome: 'refreshed', refreshable: true });
      await secrets.vaultTokens();
      const second = await token(accountId);
      expect(second.accessToken).not.toBe(first.accessToken);
      expect((await account(accountId)).status).toBe('ACTIVE');
    });

    it('disconnect: no revocation endpoint, the connection still ends', async () => {
      await disconnect(accountId);
    });

    it(`denied, and an unticked ${basicScope}`, async () => {
      expect([...(await connect(type, 'alice', 'deny')).searchParams.keys()]).toEqual([
        `${prefix}-denied`,
      ]);
      const dropped = await connect(type, 'carol', `drop-scopes:${basicScope}`);
      // Instagram names the granted permissions; Threads does not, and /me then refuses.
      if (type === 'INSTAGRAM_LOGIN') {
        expect(dropped.searchParams.get('missing')).toBe(basicScope);
      } else {
        expect(dropped.searchParams.get(`${prefix}-callback`)).toBe('error');
      }
    });
  });

  it('a private Threads profile: the refresh cut at its 90-day grant → no longer refreshable → EXPIRING', async () => {
    // Tokens live 2 days, the private grant 3: 36 hours after consent, a refresh gets 36 hours.
    await system.sandbox.ttl('THREADS', 2 * 86_400, 3 * 86_400);
    try {
      await connect('THREADS', 'private-pia');
      const [pia] = (
        await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${team.teamId}`)
      ).body.items.filter((a) => a.type === 'THREADS' && a.displayName === 'Private-pia');
      await sandboxPost('/age', { type: 'THREADS', user: 'private-pia', hours: 36 });
      expect(await refresh(pia.id)).toMatchObject({ outcome: 'refreshed', refreshable: false });
      const expiring = await status(pia.id, 'EXPIRING');
      const left = new Date(expiring.expiresAt!).getTime() - Date.now();
      expect(left).toBeLessThanOrEqual(36 * 3_600_000);
      expect(left).toBeGreaterThan(35 * 3_600_000);
    } finally {
      await system.sandbox.ttl('THREADS', 5_183_944, 90 * 86_400);
    }
  });

  it('INSTAGRAM_LOGIN with a personal account → instagram-login-callback=error naming the reason', async () => {
    const landed = await connect('INSTAGRAM_LOGIN', 'personal-pat');
    expect(landed.searchParams.get('instagram-login-callback')).toBe('error');
    expect(landed.searchParams.get('code')).toBe('exchange-failed');
    expect(landed.searchParams.get('message')).toContain('personal-account');
  });

  it('Meta asks for data deletion (signed request) → the Threads connection EXPIRED, a status URL answered', async () => {
    await connect('THREADS', 'dora');
    const [threads] = (
      await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${team.teamId}`)
    ).body.items.filter((a) => a.type === 'THREADS' && a.displayName === 'Dora');
    const pushed = (await sandboxPost('/meta/data-deletion', {
      type: 'THREADS',
      user: 'dora',
      callbackUrl: `${system.gatewayUrl}/api/v1/platform/threads/data-deletion`,
    })) as { callback: { status: number; body: { url: string; confirmation_code: string } } };
    expect(pushed.callback.status).toBe(200);
    expect(pushed.callback.body.url).toContain(pushed.callback.body.confirmation_code);
    await status(threads.id, 'EXPIRED');
  });

  it('never logs a token, code, state or verifier in any process', async () => {
    await secrets.vaultTokens();
    expect(secrets.size).toBeGreaterThanOrEqual(10);
    expect(findSecrets(system.allLines(), secrets.list())).toEqual([]);
    expect(system.exited()).toEqual([]);
  });
});

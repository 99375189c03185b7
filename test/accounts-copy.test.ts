import { Client } from 'pg';
import { waitFor } from '@switchboard/testing';
import { connectAccount, PRODUCT_ORIGIN, type TeamFixture } from './support/flows';
import { System } from './support/system';

interface Account {
  id: string;
  teamId: string;
  type: string;
  externalId: string;
  displayName: string;
  status: string;
  isMain: boolean;
  memberId: string | null;
}

interface ApiError {
  code: string;
  message: string;
}

async function teamOnPlan(system: System, plan: string): Promise<TeamFixture> {
  const team = await system.api.post<{ id: string }>('/api/v1/team', {
    name: `${plan} team`,
    plan,
    allowedRedirectOrigins: [PRODUCT_ORIGIN],
  });
  const member = await system.api.post<{ id: string }>(`/api/v1/team/${team.body.id}/member`, {
    email: `o-${team.body.id.slice(0, 8)}@example.com`,
    role: 'admin',
  });
  return {
    teamId: team.body.id,
    memberId: member.body.id,
    memberEmail: `o-${team.body.id.slice(0, 8)}@example.com`,
    redirectUrl: `${PRODUCT_ORIGIN}/connected`,
  };
}

async function list(system: System, teamId: string): Promise<Account[]> {
  return (await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${teamId}`))
    .body.items;
}

function copy(system: System, id: string, targetTeamId: string, key?: string) {
  const api = key ? system.api.withKey(key) : system.api;
  return api.post<Account & ApiError>(`/api/v1/social-account/${id}/copy`, { targetTeamId });
}

describe('accounts: copy to another team (connected elsewhere allowed, the default)', () => {
  const system = new System();

  beforeAll(() => system.start(), 180_000);
  afterAll(() => system.stop());

  it('should copy an account into another team with an independently sealed credential', async () => {
    const a = await teamOnPlan(system, 'starter');
    const b = await teamOnPlan(system, 'starter');
    await connectAccount(system.api, a, { type: 'REDDIT', user: 'copy-src' });
    const [source] = await list(system, a.teamId);

    const res = await copy(system, source.id, b.teamId);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      teamId: b.teamId,
      type: 'REDDIT',
      externalId: source.externalId,
      displayName: source.displayName,
      status: 'ACTIVE',
      isMain: true,
      memberId: null,
    });
    expect(res.body.id).not.toBe(source.id);
    // listed at once in the target team, nothing changes in the source team
    expect((await list(system, b.teamId)).map((x) => x.id)).toEqual([res.body.id]);
    expect((await list(system, a.teamId)).map((x) => x.id)).toEqual([source.id]);

    const token = await system.api.get<{ accessToken: string; refreshToken?: string }>(
      `/api/v1/social-account/${res.body.id}/token`,
    );
    expect(token.status).toBe(200);
    expect(token.body.accessToken).toEqual(expect.any(String));
    expect(token.body).not.toHaveProperty('refreshToken');

    // two rows in the vault, each under its own data key, bound to its own team and connection
    const db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    try {
      const rows = (
        await db.query<{ team_id: string; wrapped_key: Buffer; ciphertext: Buffer }>(
          `SELECT team_id, wrapped_key, ciphertext FROM token_vault.credential
           WHERE connection_id = ANY($1) ORDER BY connection_id = $2 DESC`,
          [[source.id, res.body.id], source.id],
        )
      ).rows;
      expect(rows.map((r) => r.team_id)).toEqual([a.teamId, b.teamId]);
      expect(rows[0].wrapped_key.equals(rows[1].wrapped_key)).toBe(false);
      expect(rows[0].ciphertext.equals(rows[1].ciphertext)).toBe(false);
    } finally {
      await db.end();
    }
  });

  it('should keep the copy working when the source is disconnected, without revoking the shared grant', async () => {
    const a = await teamOnPlan(system, 'starter');
    const b = await teamOnPlan(system, 'starter');
    await connectAccount(system.api, a, { type: 'REDDIT', user: 'copy-indep' });
    const [source] = await list(system, a.teamId);
    const copied = await copy(system, source.id, b.teamId);
    expect(copied.status).toBe(201);
    const revokesBefore = (await system.sandbox.stats()).revokeCalls['REDDIT'] ?? 0;

    const disconnect = await system.api.request('DELETE', `/api/v1/social-account/${source.id}`);
    expect(disconnect.status).toBe(204);
    expect((await system.api.get<Account>(`/api/v1/social-account/${source.id}`)).body.status).toBe(
      'DISCONNECTED',
    );
    expect((await system.api.get(`/api/v1/social-account/${source.id}/token`)).status).toBe(404);
    // the copy is untouched, and the platform grant the copy uses was not revoked
    await new Promise((r) => setTimeout(r, 1000));
    expect(
      (await system.api.get<Account>(`/api/v1/social-account/${copied.body.id}`)).body.status,
    ).toBe('ACTIVE');
    expect((await system.api.get(`/api/v1/social-account/${copied.body.id}/token`)).status).toBe(
      200,
    );
    expect((await system.sandbox.stats()).revokeCalls['REDDIT'] ?? 0).toBe(revokesBefore);

    // the last holder's disconnect does revoke at the platform
    await system.api.request('DELETE', `/api/v1/social-account/${copied.body.id}`);
    await waitFor(
      async () =>
        ((await system.sandbox.stats()).revokeCalls['REDDIT'] ?? 0) > revokesBefore
          ? true
          : undefined,
      { timeoutMs: 10_000, what: 'the platform revocation by the last holder' },
    );
  });

  it('should refuse to copy a grant whose refresh tokens rotate', async () => {
    const a = await teamOnPlan(system, 'starter');
    const b = await teamOnPlan(system, 'starter');
    await connectAccount(system.api, a, { type: 'TWITTER', user: 'copy-rot' });
    const [source] = await list(system, a.teamId);
    const res = await copy(system, source.id, b.teamId);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('rotating-grant-not-copyable');
    expect(await list(system, b.teamId)).toEqual([]);
    // the source keeps working
    expect((await system.api.get(`/api/v1/social-account/${source.id}/token`)).status).toBe(200);
  });

  it("should apply the target team's plan limit, and refuse a second copy into the same team", async () => {
    const a = await teamOnPlan(system, 'starter');
    const full = await teamOnPlan(system, 'free');
    await connectAccount(system.api, a, { type: 'REDDIT', user: 'copy-lim-1' });
    await connectAccount(system.api, a, { type: 'REDDIT', user: 'copy-lim-2' });
    const [first, second] = await list(system, a.teamId);
    expect((await copy(system, first.id, full.teamId)).status).toBe(201);
    const again = await copy(system, first.id, full.teamId);
    expect(again.status).toBe(409);
    expect(['account-already-connected', 'limit-reached']).toContain(again.body.code);
    const over = await copy(system, second.id, full.teamId);
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('limit-reached');
    expect(await list(system, full.teamId)).toHaveLength(1);

    const roomy = await teamOnPlan(system, 'starter');
    expect((await copy(system, first.id, roomy.teamId)).status).toBe(201);
    const dup = await copy(system, first.id, roomy.teamId);
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('account-already-connected');
  });

  it('should need a key that sees both teams', async () => {
    const a = await teamOnPlan(system, 'starter');
    const b = await teamOnPlan(system, 'starter');
    await connectAccount(system.api, a, { type: 'REDDIT', user: 'copy-key' });
    const [source] = await list(system, a.teamId);
    const keyA = await system.api.post<{ key: string }>('/api/v1/api-key', {
      teamId: a.teamId,
      scopes: ['accounts:read', 'accounts:write'],
    });
    const foreignTarget = await copy(system, source.id, b.teamId, keyA.body.key);
    expect(foreignTarget.status).toBe(404);
    const sameTeam = await copy(system, source.id, a.teamId, keyA.body.key);
    expect(sameTeam.status).toBe(400);
    expect(sameTeam.body.code).toBe('validation-failed');
    const readOnly = await system.api.post<{ key: string }>('/api/v1/api-key', {
      teamId: a.teamId,
      scopes: ['accounts:read'],
    });
    expect((await copy(system, source.id, b.teamId, readOnly.body.key)).status).toBe(403);
    const bad = await system.api.post<ApiError>(`/api/v1/social-account/${source.id}/copy`, {
      targetTeamId: 'nope',
    });
    expect(bad.status).toBe(400);
    expect(await list(system, b.teamId)).toEqual([]);
  });

  it('should let another team connect the same account by default', async () => {
    const a = await teamOnPlan(system, 'starter');
    const b = await teamOnPlan(system, 'starter');
    const first = await connectAccount(system.api, a, { type: 'REDDIT', user: 'shared-acct' });
    expect(first.landedOn.searchParams.get('reddit-callback')).toBe('success');
    const second = await connectAccount(system.api, b, { type: 'REDDIT', user: 'shared-acct' });
    expect(second.landedOn.searchParams.get('reddit-callback')).toBe('success');
    expect(await list(system, b.teamId)).toHaveLength(1);
  });
});

describe('accounts: ACCOUNT_CONNECTED_ELSEWHERE=refuse', () => {
  const system = new System({ env: { ACCOUNT_CONNECTED_ELSEWHERE: 'refuse' } });

  beforeAll(() => system.start(), 180_000);
  afterAll(() => system.stop());

  it('should refuse an account connected in another team, until that team disconnects it', async () => {
    const a = await teamOnPlan(system, 'starter');
    const b = await teamOnPlan(system, 'starter');
    const first = await connectAccount(system.api, a, { type: 'REDDIT', user: 'one-team' });
    expect(first.landedOn.searchParams.get('reddit-callback')).toBe('success');

    const refused = await connectAccount(system.api, b, { type: 'REDDIT', user: 'one-team' });
    expect(refused.landedOn.searchParams.get('reddit-callback')).toBe('error');
    expect(refused.landedOn.searchParams.get('code')).toBe('account-connected-elsewhere');
    expect(refused.landedOn.searchParams.get('message')).not.toContain(a.teamId);
    expect(await list(system, b.teamId)).toEqual([]);

    // the same team reconnecting it is not "elsewhere"
    const again = await connectAccount(system.api, a, { type: 'REDDIT', user: 'one-team' });
    expect(again.landedOn.searchParams.get('reddit-callback')).toBe('success');

    const [source] = await list(system, a.teamId);
    const copied = await copy(system, source.id, b.teamId);
    expect(copied.status).toBe(409);
    expect(copied.body.code).toBe('account-connected-elsewhere');

    await system.api.request('DELETE', `/api/v1/social-account/${source.id}`);
    const after = await connectAccount(system.api, b, { type: 'REDDIT', user: 'one-team' });
    expect(after.landedOn.searchParams.get('reddit-callback')).toBe('success');
  });

  it('should let only one of two teams racing for the same account win', async () => {
    const teams = await Promise.all([0, 1, 2, 3].map(() => teamOnPlan(system, 'starter')));
    const results = await Promise.all(
      teams.map((t) => connectAccount(system.api, t, { type: 'REDDIT', user: 'raced-acct' })),
    );
    const outcomes = results.map(
      (r) => r.landedOn.searchParams.get('code') ?? r.landedOn.searchParams.get('reddit-callback'),
    );
    expect(outcomes.filter((o) => o === 'success')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'account-connected-elsewhere')).toHaveLength(3);
  });
});

import { Client } from 'pg';
import { testNatsUrl, waitFor } from '@switchboard/testing';
import { connectAccount, createTeam, type TeamFixture } from './support/flows';
import { publishEvent } from './support/notifier';
import { System } from './support/system';

/** Every text or JSON value in every table of the database that contains one of `needles`. */
async function findEverywhere(databaseUrl: string, needles: string[]): Promise<string[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const columns = (
      await db.query<{ table_schema: string; table_name: string; column_name: string }>(
        `SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
         WHERE t.table_type = 'BASE TABLE'
           AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
           AND c.data_type IN ('text', 'jsonb', 'json', 'character varying', 'ARRAY')`,
      )
    ).rows;
    const found: string[] = [];
    for (const c of columns) {
      for (const needle of needles) {
        const hit = await db.query(
          `SELECT 1 FROM "${c.table_schema}"."${c.table_name}"
           WHERE "${c.column_name}"::text ILIKE $1 LIMIT 1`,
          [`%${needle}%`],
        );
        if (hit.rowCount)
          found.push(`${c.table_schema}.${c.table_name}.${c.column_name}: ${needle}`);
      }
    }
    return found;
  } finally {
    await db.end();
  }
}

async function count(databaseUrl: string, sql: string, params: unknown[]): Promise<number> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return Number((await db.query<{ n: string }>(sql, params)).rows[0].n);
  } finally {
    await db.end();
  }
}

describe('team members: DELETE erases their personal data everywhere', () => {
  const system = new System();

  beforeAll(() => system.start(), 180_000);
  afterAll(() => system.stop());

  it("should erase a member's email, name and locale in every service and keep their accounts", async () => {
    const team = await createTeam(system.api);
    const email = `mia-${team.teamId.slice(0, 8)}@example.com`;
    const name = `Mia Erasable ${team.teamId.slice(0, 6)}`;
    // created with an Idempotency-Key: the stored answer carries the member's data too
    const created = await fetch(`${system.gatewayUrl}/api/v1/team/${team.teamId}/member`, {
      method: 'POST',
      headers: {
        'x-api-key': system.adminKey,
        'content-type': 'application/json',
        'idempotency-key': `member-${team.teamId}`,
      },
      body: JSON.stringify({ email, name, locale: 'de', role: 'member' }),
    });
    expect(created.status).toBe(201);
    const memberId = ((await created.json()) as { id: string }).id;
    const prefs = await system.api.request(
      'PUT',
      `/api/v1/team/${team.teamId}/member/${memberId}/notification-preferences`,
      { preferences: [{ kind: 'disconnected', email: true, inApp: true }] },
    );
    expect(prefs.status).toBe(200);

    // Mia connects an account that then breaks: she and the admin are notified
    const mia: TeamFixture = { ...team, memberId, memberEmail: email };
    await connectAccount(system.api, mia, { type: 'TWITTER', user: 'mia-acct' });
    const [account] = (
      await system.api.get<{ items: { id: string; memberId: string }[] }>(
        `/api/v1/social-account?teamId=${team.teamId}`,
      )
    ).body.items;
    expect(account.memberId).toBe(memberId);
    // the platform reports the grant withdrawn (as Meta's and Slack's callbacks do): emails go out
    await publishEvent(
      await testNatsUrl(),
      system.namespace,
      'switchboard.account.disconnected.v1',
      {
        connectionId: account.id,
        teamId: team.teamId,
        type: 'TWITTER',
        by: 'provider',
        disconnectedAt: new Date().toISOString(),
      },
    );
    await waitFor(
      async () =>
        (await count(
          system.databaseUrl,
          `SELECT count(*) AS n FROM notifier.email_delivery WHERE recipient = $1`,
          [email],
        )) > 0 &&
        (await count(
          system.databaseUrl,
          `SELECT count(*) AS n FROM notifier.notification WHERE member_id = $1`,
          [memberId],
        )) > 0
          ? true
          : undefined,
      { timeoutMs: 20_000, what: "Mia's email and notice" },
    );
    expect(await findEverywhere(system.databaseUrl, [email])).not.toEqual([]);
    const adminNotices = await count(
      system.databaseUrl,
      `SELECT count(*) AS n FROM notifier.notification WHERE member_id = $1`,
      [team.memberId],
    );
    expect(adminNotices).toBeGreaterThan(0);

    const erased = await system.api.request(
      'DELETE',
      `/api/v1/team/${team.teamId}/member/${memberId}`,
    );
    expect(erased.status).toBe(204);

    await waitFor(
      async () =>
        (await findEverywhere(system.databaseUrl, [email, name])).length === 0 ? true : undefined,
      { timeoutMs: 20_000, what: "no trace of Mia's email or name in any table" },
    );
    expect(
      await count(
        system.databaseUrl,
        `SELECT count(*) AS n FROM notifier.preference WHERE member_id = $1`,
        [memberId],
      ),
    ).toBe(0);
    expect(
      await count(
        system.databaseUrl,
        `SELECT count(*) AS n FROM notifier.notification WHERE member_id = $1`,
        [memberId],
      ),
    ).toBe(0);
    // the admin's notices and the account stay; the account is no longer linked to Mia
    expect(
      await count(
        system.databaseUrl,
        `SELECT count(*) AS n FROM notifier.notification WHERE member_id = $1`,
        [team.memberId],
      ),
    ).toBe(adminNotices);
    const kept = await system.api.get<{ id: string; memberId: string | null; status: string }>(
      `/api/v1/social-account/${account.id}`,
    );
    expect(kept.body).toMatchObject({ id: account.id, memberId: null, status: 'EXPIRED' });

    // gone: a second delete, her preferences, a connect on her behalf
    expect(
      (await system.api.request('DELETE', `/api/v1/team/${team.teamId}/member/${memberId}`)).status,
    ).toBe(404);
    expect(
      (
        await system.api.get(
          `/api/v1/team/${team.teamId}/member/${memberId}/notification-preferences`,
        )
      ).status,
    ).toBe(404);
    const connect = await system.api.post<{ code: string }>('/api/v1/social-account/connect', {
      teamId: team.teamId,
      type: 'TWITTER',
      redirectUrl: team.redirectUrl,
      memberId,
    });
    expect(connect.status).toBe(404);
  });

  it("should not let a key erase another team's member", async () => {
    const a = await createTeam(system.api, 'A');
    const b = await createTeam(system.api, 'B');
    const keyA = await system.api.post<{ key: string }>('/api/v1/api-key', {
      teamId: a.teamId,
      scopes: ['accounts:read', 'accounts:write'],
    });
    const api = system.api.withKey(keyA.body.key);
    expect(
      (await api.request('DELETE', `/api/v1/team/${b.teamId}/member/${b.memberId}`)).status,
    ).toBe(404);
    // B's member id under A's team id: not A's member either
    expect(
      (await api.request('DELETE', `/api/v1/team/${a.teamId}/member/${b.memberId}`)).status,
    ).toBe(404);
    const readOnly = await system.api.post<{ key: string }>('/api/v1/api-key', {
      teamId: a.teamId,
      scopes: ['accounts:read'],
    });
    expect(
      (
        await system.api
          .withKey(readOnly.body.key)
          .request('DELETE', `/api/v1/team/${a.teamId}/member/${a.memberId}`)
      ).status,
    ).toBe(403);
    expect(await findEverywhere(system.databaseUrl, [b.memberEmail])).not.toEqual([]);
  });
});

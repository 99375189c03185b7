import { sleep, testNatsUrl, waitFor } from '@switchboard/testing';
import { createTeam, type TeamFixture } from './support/flows';
import { addMember, notifierKnows, publishConnected, publishEvent, sql } from './support/notifier';
import { System } from './support/system';

const OUTAGE_MS = 30_000;

/**
 * The mail server is down for 30 seconds while warnings are due: every email waits, retries with
 * backoff, and is delivered once the server is back — none lost, none sent twice.
 */
describe('notifier: SMTP outage', () => {
  const system = new System({ env: { EMAIL_RETRY_MAX_MS: '3000' } });
  let natsUrl: string;
  let team: TeamFixture;
  const members: { id: string; email: string; locale: string }[] = [];

  const smtp = async (down: boolean) => {
    const res = await fetch(`${system.sandbox.url}/_sandbox/smtp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ down }),
    });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    natsUrl = await testNatsUrl();
    await system.start();
    team = await createTeam(system.api, 'Outage team');
    for (const locale of ['de', 'zh', 'tr']) {
      const email = `${locale}-${team.teamId.slice(0, 8)}@example.com`;
      members.push({
        id: await addMember(system.api, team.teamId, { email, locale, role: 'member' }),
        email,
        locale,
      });
    }
  }, 180_000);

  afterAll(() => system.stop());

  it('should deliver every email after the server comes back, none lost and none doubled', async () => {
    const accounts: string[] = [];
    for (const [i, m] of members.entries()) {
      const id = await publishConnected(natsUrl, system.namespace, {
        teamId: team.teamId,
        memberId: m.id,
        displayName: `Outage${i}`,
      });
      await notifierKnows(system.databaseUrl, id);
      accounts.push(id);
    }
    await smtp(true);
    const downSince = Date.now();
    for (const connectionId of accounts) {
      await publishEvent(natsUrl, system.namespace, 'switchboard.token.refresh_failed.v1', {
        connectionId,
        teamId: team.teamId,
        type: 'TWITTER',
        credentialVersion: 1,
        reason: 'reauth_required',
        detail: 'invalid_grant',
        providerError: 'invalid_grant',
        missingScopes: [],
        failedAt: new Date().toISOString(),
      });
      for (const horizon of [604_800, 259_200]) {
        await publishEvent(natsUrl, system.namespace, 'switchboard.token.expiring.v1', {
          connectionId,
          teamId: team.teamId,
          type: 'TWITTER',
          credentialVersion: 1,
          expiresAt: new Date(Date.now() + horizon * 1000 + 60_000).toISOString(),
          horizonSeconds: horizon,
          cause: 'not_refreshable',
        });
      }
    }
    // each account: 3 events × (its member + the admin) = 6 emails; 3 accounts = 18
    const expected = accounts.length * 3 * 2;
    await waitFor(
      async () => {
        const rows = await sql<{ n: string }>(
          system.databaseUrl,
          `SELECT count(*) AS n FROM notifier.email_delivery`,
        );
        return Number(rows[0].n) === expected ? true : undefined;
      },
      { timeoutMs: 20_000, what: 'every email to be queued' },
    );
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downSince)));
    expect(await system.sandbox.mail()).toEqual([]);
    const waiting = await sql<{ status: string; attempts: number; last_error: string | null }>(
      system.databaseUrl,
      `SELECT status, attempts, last_error FROM notifier.email_delivery`,
    );
    expect(waiting.every((r) => r.status === 'pending')).toBe(true);
    expect(Math.min(...waiting.map((r) => r.attempts))).toBeGreaterThanOrEqual(3);
    expect(waiting.every((r) => /421|down/i.test(r.last_error ?? ''))).toBe(true);

    await smtp(false);
    const mails = await waitFor(
      async () => {
        const m = await system.sandbox.mail();
        return m.length >= expected ? m : undefined;
      },
      { timeoutMs: 30_000, what: `${expected} emails after the outage` },
    );
    await sleep(5000);
    expect(await system.sandbox.mail()).toHaveLength(expected);
    // every email is distinct (account × event × recipient): a doubled one would show here
    const keys = mails.map((m) => `${m.to} ${m.subject}`);
    expect(new Set(keys).size).toBe(expected);
    for (const m of members) {
      expect(mails.filter((x) => x.to === m.email)).toHaveLength(3);
    }
    expect(mails.filter((x) => x.to === team.memberEmail)).toHaveLength(9);
    // each in its reader's language
    expect(mails.find((x) => x.to === members[0].email)!.html).toContain('<html lang="de"');
    expect(mails.find((x) => x.to === members[1].email)!.html).toContain('<html lang="zh"');
    expect(mails.find((x) => x.to === members[2].email)!.html).toContain('<html lang="tr"');
    const rows = await sql<{ status: string }>(
      system.databaseUrl,
      `SELECT status FROM notifier.email_delivery`,
    );
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(system.exited()).toEqual([]);
  });
});

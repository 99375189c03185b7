import { signLink } from '@switchboard/platform';
import { findSecrets, waitFor } from '@switchboard/testing';
import { FlowBrowser, withConsent } from './support/browser';
import { connectAccount, createTeam, type TeamFixture } from './support/flows';
import { addMember, linkClaims, sql } from './support/notifier';
import type { Mail } from './support/sandbox-client';
import { System } from './support/system';

interface Account {
  id: string;
  status: string;
  statusReason: string | null;
  displayName: string;
  externalId: string;
}

/**
 * The one-click Reconnect link, from a real refresh failure (the user withdraws access at the
 * platform, the vault's refresh is refused) to the same connection ACTIVE again — and what the
 * link refuses: a different platform account, a forged or expired link.
 */
describe('notifier: one-click Reconnect', () => {
  const system = new System();
  let team: TeamFixture;
  let account: Account;
  let link: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    await system.start();
    await system.sandbox.ttl('TWITTER', 6);
    team = await createTeam(system.api, 'Reconnect team');
    // the account is connected by a German-speaking member
    const email = `greta-${team.teamId.slice(0, 8)}@example.com`;
    const memberId = await addMember(system.api, team.teamId, {
      email,
      name: 'Greta',
      locale: 'de',
      role: 'member',
    });
    team = { ...team, memberId, memberEmail: email };
    secrets.push(system.adminKey, system.portalSigningSecret);
  }, 180_000);

  afterAll(() => system.stop());

  const get = async (id: string): Promise<Account> =>
    (await system.api.get<Account>(`/api/v1/social-account/${id}`)).body;

  const consentAs = async (url: string, user: string) => {
    const browser = new FlowBrowser(
      (u) => u.pathname.endsWith('/oauth2/authorize') && !u.searchParams.has('sandbox_user'),
    );
    const atProvider = await browser.open(url);
    expect(atProvider.status).toBe(0);
    return browser.open(withConsent(atProvider.finalUrl, user));
  };

  it('should email the member, in German, a working link when the platform refuses the refresh', async () => {
    const { landedOn } = await connectAccount(system.api, team, {
      type: 'TWITTER',
      user: 'gustav',
    });
    expect(landedOn.searchParams.get('twitter-callback')).toBe('success');
    account = (
      await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${team.teamId}`)
    ).body.items[0];
    await system.sandbox.revoke('TWITTER', 'gustav');
    await waitFor(async () => ((await get(account.id)).status === 'EXPIRED' ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the account to turn EXPIRED',
    });
    const [mail] = await waitFor(
      async () => {
        const m = await system.sandbox.mail(team.memberEmail);
        return m.length > 0 ? m : undefined;
      },
      { timeoutMs: 20_000, what: 'the warning email' },
    );
    expect(mail.subject).toBe('Ihr X-Konto Gustav muss erneut verbunden werden');
    expect(mail.text).toContain('Hallo Greta,');
    expect(mail.html).toContain('<html lang="de"');
    link = mail.links.find((l) => new URL(l).pathname === '/reconnect')!;
    expect(link.startsWith(`${system.gatewayUrl}/reconnect?t=`)).toBe(true);
    expect(mail.text).toContain(link);
    expect(linkClaims(link)).toMatchObject({
      c: account.id,
      t: team.teamId,
      m: team.memberId,
      l: 'de',
    });
    secrets.push(new URL(link).searchParams.get('t')!);
  });

  it('should not let the link swap in a different platform account', async () => {
    const landed = await consentAs(link, 'mallory');
    expect(landed.status).toBe(200);
    expect(landed.body).toContain('data-outcome="failed"');
    expect(landed.body).toContain('<html lang="de"');
    expect(await get(account.id)).toMatchObject({
      status: 'EXPIRED',
      externalId: account.externalId,
    });
    const mails = await waitFor(
      async () => {
        const m = await system.sandbox.mail(team.memberEmail);
        return m.length >= 2 ? m : undefined;
      },
      { timeoutMs: 20_000, what: 'the failed-reconnect email' },
    );
    expect(mails[1].subject).toBe('Das erneute Verbinden Ihres X-Kontos Gustav hat nicht geklappt');
    expect(mails[1].text).toContain('Es wurde ein anderes X-Konto angemeldet');
  });

  it('should resume the same connection: ACTIVE with the same id, then one "connected again" email', async () => {
    const landed = await consentAs(link, 'gustav');
    expect(landed.status).toBe(200);
    expect(new URL(landed.finalUrl).pathname).toBe('/reconnect/done');
    expect(landed.body).toContain('data-outcome="success"');
    expect(landed.body).toContain('Das Konto ist wieder verbunden.');
    const after = await get(account.id);
    expect(after).toMatchObject({
      id: account.id,
      status: 'ACTIVE',
      externalId: account.externalId,
    });
    const listed = (
      await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${team.teamId}`)
    ).body.items;
    expect(listed.map((a) => a.id)).toEqual([account.id]);
    const mails: Mail[] = await waitFor(
      async () => {
        const m = await system.sandbox.mail(team.memberEmail);
        return m.length >= 3 ? m : undefined;
      },
      { timeoutMs: 20_000, what: 'the "connected again" email' },
    );
    expect(mails[2].subject).toBe('Ihr X-Konto Gustav ist wieder verbunden');
    const problem = await sql<{ resolved_at: Date | null; next_reminder_at: Date | null }>(
      system.databaseUrl,
      `SELECT resolved_at, next_reminder_at FROM notifier.problem WHERE connection_id = $1`,
      [account.id],
    );
    expect(problem[0].resolved_at).not.toBeNull();
    expect(problem[0].next_reminder_at).toBeNull(); // reminders stopped
  });

  it('should refuse a forged, a tampered and an expired link with a page in the reader’s language', async () => {
    const token = new URL(link).searchParams.get('t')!;
    const [payload, signature] = token.split('.');
    const claims = linkClaims(link);
    const forged = Buffer.from(
      JSON.stringify({ ...claims, c: '00000000-0000-4000-8000-000000000000' }),
    ).toString('base64url');
    for (const t of [
      `${forged}.${signature}`,
      `${payload}.${signature.slice(0, -2)}AA`,
      'garbage',
      '',
    ]) {
      const res = await fetch(`${system.gatewayUrl}/reconnect?t=${encodeURIComponent(t)}`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('data-outcome="invalid"');
    }
    const expired = signLink(
      system.portalSigningSecret,
      'reconnect',
      { c: claims.c, t: claims.t, m: claims.m, l: 'fr' },
      new Date(Date.now() - 1000),
    );
    const res = await fetch(`${system.gatewayUrl}/reconnect?t=${expired}`, { redirect: 'manual' });
    expect(res.status).toBe(410);
    const page = await res.text();
    expect(page).toContain('<html lang="fr"');
    expect(page).toContain('Ce lien a expiré');
    // a valid link for an account of another team, or one that does not exist, leads nowhere
    const foreign = signLink(
      system.portalSigningSecret,
      'reconnect',
      { c: claims.c, t: '00000000-0000-4000-8000-000000000001', m: null, l: 'en' },
      new Date(Date.now() + 60_000),
    );
    expect(
      (await fetch(`${system.gatewayUrl}/reconnect?t=${foreign}`, { redirect: 'manual' })).status,
    ).toBe(404);
  });

  it('should never log the link, and every process should still be running', () => {
    expect(findSecrets(system.allLines(), secrets)).toEqual([]);
    expect(system.exited()).toEqual([]);
  });
});

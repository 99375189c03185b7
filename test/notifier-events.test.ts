import { findSecrets, sleep, testNatsUrl, waitFor } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { FlowBrowser, withConsent } from './support/browser';
import { connectAccount, createTeam, PRODUCT_ORIGIN, type TeamFixture } from './support/flows';
import {
  addMember,
  HookReceiver,
  linkClaims,
  publishEvent,
  signatureValid,
  sql,
} from './support/notifier';
import type { Mail } from './support/sandbox-client';
import { System } from './support/system';

interface Notice {
  id: string;
  memberId: string;
  connectionId: string | null;
  kind: string;
  title: string;
  severity: string;
  locale: string;
  actionUrl: string | null;
  readAt: string | null;
}
interface Account {
  id: string;
  status: string;
  displayName: string;
}

const RELAX_MS = 1500;

/**
 * Every event kind the notifier acts on, through the five real services: who gets which email in
 * which language, which in-app notices, which webhooks — and each Reconnect link followed through
 * the gateway and the sandbox's consent back to an ACTIVE account with the same id.
 */
describe('notifier: every event kind, end to end', () => {
  const system = new System({
    env: {
      REMINDER_SCHEDULE_SECONDS: '8,16',
      REMINDER_POLL_MS: '300',
      WEBHOOK_POLL_MS: '100',
      WEBHOOK_RETRY_BASE_MS: '300',
    },
  });
  const hooks = new HookReceiver();
  let natsUrl: string;
  let team: TeamFixture;
  let admin: { id: string; email: string };
  let member: { id: string; email: string };
  let hookSecret: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    await system.start();
    natsUrl = await testNatsUrl();
    await hooks.start();
    team = await enterpriseTeam();
    admin = { id: team.memberId, email: team.memberEmail };
    member = { id: '', email: `ewa-${team.teamId.slice(0, 8)}@example.com` };
    member.id = await addMember(system.api, team.teamId, {
      email: member.email,
      name: 'Ewa',
      locale: 'pl',
      role: 'member',
    });
    const hook = await system.api.post<{ id: string; secret: string }>('/api/v1/webhook', {
      teamId: team.teamId,
      url: hooks.url,
      events: [
        'account.connected',
        'account.reconnected',
        'account.disconnected',
        'account.expiring',
        'account.refresh_failed',
        'account.revoked',
        'connect.failed',
      ],
    });
    expect(hook.status).toBe(201);
    hookSecret = hook.body.secret;
    secrets.push(system.adminKey, system.portalSigningSecret, hookSecret);
  }, 180_000);

  afterAll(async () => {
    await hooks.stop();
    await system.stop();
  });

  /** A team on a plan without per-platform limits, with one admin (English). */
  const enterpriseTeam = async (): Promise<TeamFixture> => {
    const created = await system.api.post<{ id: string }>('/api/v1/team', {
      name: 'Notified team',
      plan: 'enterprise',
      allowedRedirectOrigins: [PRODUCT_ORIGIN],
    });
    expect(created.status).toBe(201);
    const email = `ada-${created.body.id.slice(0, 8)}@example.com`;
    const id = await addMember(system.api, created.body.id, {
      email,
      name: 'Ada',
      locale: 'en',
      role: 'admin',
    });
    return {
      teamId: created.body.id,
      memberId: id,
      memberEmail: email,
      redirectUrl: `${PRODUCT_ORIGIN}/connected`,
    };
  };

  /** The team as the member (not the admin) sees it: accounts connected by Ewa. */
  const asMember = (): TeamFixture => ({ ...team, memberId: member.id, memberEmail: member.email });

  const connect = async (user: string): Promise<Account> => {
    const { landedOn } = await connectAccount(system.api, asMember(), { type: 'TWITTER', user });
    expect(landedOn.searchParams.get('twitter-callback')).toBe('success');
    const listed = await system.api.get<{ items: Account[] }>(
      `/api/v1/social-account?teamId=${team.teamId}&limit=500`,
    );
    return listed.body.items.find((a) => a.displayName.toLowerCase() === user.toLowerCase())!;
  };

  const mailsAbout = async (to: string, name: string): Promise<Mail[]> =>
    (await system.sandbox.mail(to)).filter((m) => m.subject.includes(name));

  const waitMails = (to: string, name: string, count: number, what: string) =>
    waitFor(
      async () => {
        const m = await mailsAbout(to, name);
        return m.length >= count ? m : undefined;
      },
      { timeoutMs: 30_000, what },
    );

  const notices = async (connectionId?: string): Promise<Notice[]> =>
    (
      await system.api.get<{ items: Notice[] }>(
        `/api/v1/notification?teamId=${team.teamId}&limit=500${connectionId ? `&connectionId=${connectionId}` : ''}`,
      )
    ).body.items;

  /** The credential generation the notifier knows for a connection (waits for its connect event). */
  const version = (connectionId: string): Promise<number> =>
    waitFor(
      async () =>
        (
          await sql<{ v: number }>(
            system.databaseUrl,
            `SELECT credential_version AS v FROM notifier.account WHERE connection_id = $1`,
            [connectionId],
          )
        )[0]?.v,
      { timeoutMs: 15_000, what: 'the notifier to know the account' },
    );

  const accountStatus = async (id: string): Promise<Account> =>
    (await system.api.get<Account>(`/api/v1/social-account/${id}`)).body;

  /** Opens an email's Reconnect link like a browser and consents at the sandbox as `user`. */
  const followReconnect = async (link: string, user: string, action = 'approve') => {
    const browser = new FlowBrowser(
      (u) => u.pathname.endsWith('/oauth2/authorize') && !u.searchParams.has('sandbox_user'),
    );
    const atProvider = await browser.open(link);
    expect(atProvider.status).toBe(0); // stopped at the platform's consent page
    expect(browser.visited[0]).toBe(link);
    return browser.open(withConsent(atProvider.finalUrl, user, action));
  };

  const reconnectLink = (mail: Mail): string => {
    const link = mail.links.find((l) => new URL(l).pathname === '/reconnect');
    expect(link).toBeDefined();
    secrets.push(new URL(link!).searchParams.get('t')!);
    return link!;
  };

  it('should announce a new connection by webhook only: no notice, no email', async () => {
    const account = await connect('nova');
    const hook = await waitFor(
      () =>
        hooks
          .delivered('account.connected')
          .find((h) => (h.data.account as { id: string }).id === account.id),
      {
        timeoutMs: 10_000,
        what: 'the account.connected webhook',
      },
    );
    expect(hook).toMatchObject({
      teamId: team.teamId,
      data: {
        account: { id: account.id, type: 'TWITTER', displayName: 'Nova', memberId: member.id },
      },
    });
    await sleep(RELAX_MS);
    expect(await notices(account.id)).toEqual([]);
    expect(await mailsAbout(member.email, 'Nova')).toEqual([]);
  });

  it('TokenExpiring: one email per recipient in their language with a working Reconnect link, one notice each, one webhook; each horizon once', async () => {
    const account = await connect('tessa');
    const expiresAt = new Date(Date.now() + 3 * 86_400_000 + 60_000).toISOString();
    const data = {
      connectionId: account.id,
      teamId: team.teamId,
      type: 'TWITTER' as const,
      credentialVersion: await version(account.id),
      expiresAt,
      horizonSeconds: 259_200,
      cause: 'not_refreshable' as const,
    };
    await publishEvent(natsUrl, system.namespace, 'switchboard.token.expiring.v1', data);
    const [pl] = await waitMails(member.email, 'Tessa', 1, 'the Polish warning');
    const [en] = await waitMails(admin.email, 'Tessa', 1, 'the English warning');
    expect(pl.subject).toBe('Twoje konto X Tessa zostanie rozłączone za 3 dni');
    expect(pl.html).toContain('<html lang="pl"');
    expect(pl.text).toContain('Cześć Ewa,');
    expect(en.subject).toBe('Your X account Tessa will disconnect in 3 days');
    expect(en.text).toContain('X does not let this connection renew itself');
    expect(linkClaims(reconnectLink(pl))).toMatchObject({ c: account.id, m: member.id, l: 'pl' });
    expect(linkClaims(reconnectLink(en))).toMatchObject({ c: account.id, m: admin.id, l: 'en' });

    const listed = await notices(account.id);
    expect(listed.map((n) => [n.memberId, n.kind, n.locale, n.severity]).sort()).toEqual(
      [
        [admin.id, 'token_expiring', 'en', 'warning'],
        [member.id, 'token_expiring', 'pl', 'warning'],
      ].sort(),
    );
    const hook = await waitFor(
      () =>
        hooks
          .delivered('account.expiring')
          .find((h) => (h.data.account as { id: string }).id === account.id),
      { timeoutMs: 10_000, what: 'the account.expiring webhook' },
    );
    expect(hook.data).toMatchObject({
      expiresAt,
      horizonSeconds: 259_200,
      cause: 'not_refreshable',
    });

    // the next rung of the ladder is a new warning; the same rung again is not
    await publishEvent(natsUrl, system.namespace, 'switchboard.token.expiring.v1', {
      ...data,
      horizonSeconds: 86_400,
    });
    await publishEvent(natsUrl, system.namespace, 'switchboard.token.expiring.v1', data);
    await waitMails(member.email, 'Tessa', 2, 'the second rung');
    await sleep(RELAX_MS);
    expect(await mailsAbout(member.email, 'Tessa')).toHaveLength(2);
    expect(await mailsAbout(admin.email, 'Tessa')).toHaveLength(2);
    expect((await notices(account.id)).filter((n) => n.kind === 'token_expiring')).toHaveLength(4);
    expect(
      hooks
        .delivered('account.expiring')
        .filter((h) => (h.data.account as { id: string }).id === account.id),
    ).toHaveLength(2);

    // Ewa follows her link: same connection, ACTIVE again, and everyone hears it is fixed
    const landed = await followReconnect(reconnectLink(pl), 'tessa');
    expect(landed.status).toBe(200);
    expect(new URL(landed.finalUrl).pathname).toBe('/reconnect/done');
    expect(landed.body).toContain('<html lang="pl"');
    expect(landed.body).toContain('data-outcome="success"');
    expect(await accountStatus(account.id)).toMatchObject({ id: account.id, status: 'ACTIVE' });
    const fixed = await waitMails(member.email, 'Tessa', 3, 'the "connected again" email');
    expect(fixed.map((m) => m.subject)).toContain('Twoje konto X Tessa jest znowu połączone');
    expect(await waitMails(admin.email, 'Tessa', 3, 'the admin’s "connected again"')).toHaveLength(
      3,
    );
    await waitFor(
      () =>
        hooks
          .delivered('account.reconnected')
          .find((h) => (h.data.account as { id: string }).id === account.id),
      { timeoutMs: 10_000, what: 'account.reconnected' },
    );
  });

  it('RefreshFailed: "needs to be reconnected" to each recipient, a working link, one webhook; the same event delivered 5 times is still one of each', async () => {
    const account = await connect('rafal');
    const data = {
      connectionId: account.id,
      teamId: team.teamId,
      type: 'TWITTER' as const,
      credentialVersion: await version(account.id),
      reason: 'permission_lost' as const,
      detail: 'scope removed',
      providerError: 'insufficient_scope',
      missingScopes: ['tweet.write'],
      failedAt: new Date().toISOString(),
    };
    const id = randomUUID();
    // the same event five times (a relay re-sending after a crash: same id, new NATS message ids)…
    for (let i = 0; i < 5; i += 1) {
      await publishEvent(natsUrl, system.namespace, 'switchboard.token.refresh_failed.v1', data, {
        id,
      });
    }
    // …and the same fact twice more under new event ids (a publisher replaying its history)
    await publishEvent(natsUrl, system.namespace, 'switchboard.token.refresh_failed.v1', data);
    await publishEvent(natsUrl, system.namespace, 'switchboard.token.refresh_failed.v1', data);
    const [pl] = await waitMails(member.email, 'Rafal', 1, 'the Polish failure email');
    await waitMails(admin.email, 'Rafal', 1, 'the English failure email');
    await waitFor(
      () =>
        hooks
          .delivered('account.refresh_failed')
          .find((h) => (h.data.account as { id: string }).id === account.id),
      { timeoutMs: 10_000, what: 'account.refresh_failed' },
    );
    await sleep(3000);
    expect(await mailsAbout(member.email, 'Rafal')).toHaveLength(1);
    expect(await mailsAbout(admin.email, 'Rafal')).toHaveLength(1);
    expect(pl.subject).toBe('Twoje konto X Rafal wymaga ponownego połączenia');
    expect(pl.text).toContain('X nie przyznaje już tych uprawnień: tweet.write.');
    expect((await notices(account.id)).map((n) => n.kind)).toEqual([
      'refresh_failed',
      'refresh_failed',
    ]);
    const deliveries = hooks
      .delivered('account.refresh_failed')
      .filter((h) => (h.data.account as { id: string }).id === account.id);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].data).toMatchObject({
      reason: 'permission_lost',
      missingScopes: ['tweet.write'],
      providerError: 'insufficient_scope',
    });
    const raw = hooks.received.find(
      (r) => r.body.includes(account.id) && r.body.includes('account.refresh_failed'),
    )!;
    expect(
      signatureValid(hookSecret, raw.headers['x-switchboard-signature'] as string, raw.body),
    ).toBe(true);

    const landed = await followReconnect(reconnectLink(pl), 'rafal');
    expect(landed.body).toContain('data-outcome="success"');
    expect(await accountStatus(account.id)).toMatchObject({ id: account.id, status: 'ACTIVE' });
    expect(await waitMails(member.email, 'Rafal', 2, '"connected again"')).toHaveLength(2);
  });

  it('AccountDisconnected by the platform: an error notice and email with a link; by the team: an inbox line, no email', async () => {
    const account = await connect('dora');
    await publishEvent(natsUrl, system.namespace, 'switchboard.account.disconnected.v1', {
      connectionId: account.id,
      teamId: team.teamId,
      type: 'TWITTER',
      by: 'provider',
      disconnectedAt: new Date().toISOString(),
    });
    const [pl] = await waitMails(member.email, 'Dora', 1, 'the withdrawn-access email');
    const [en] = await waitMails(admin.email, 'Dora', 1, 'the admin’s withdrawn-access email');
    expect(pl.subject).toBe('Dostęp do Twojego konta X Dora został cofnięty');
    expect(en.subject).toBe('Access to your X account Dora was withdrawn');
    const landed = await followReconnect(reconnectLink(en), 'dora');
    expect(landed.body).toContain('<html lang="en"');
    expect(landed.body).toContain('data-outcome="success"');
    expect(await accountStatus(account.id)).toMatchObject({ id: account.id, status: 'ACTIVE' });
    await waitMails(admin.email, 'Dora', 2, '"connected again"');

    // now the team disconnects it on purpose
    expect(
      (await system.api.request('DELETE', `/api/v1/social-account/${account.id}`)).status,
    ).toBe(204);
    await waitFor(
      async () =>
        (await notices(account.id)).some((n) => n.kind === 'disconnected' && n.severity === 'info')
          ? true
          : undefined,
      { timeoutMs: 30_000, what: 'the team-disconnect notice' },
    );
    await waitFor(
      () =>
        hooks
          .delivered('account.revoked')
          .find((h) => (h.data.account as { id: string }).id === account.id),
      { timeoutMs: 10_000, what: 'account.revoked' },
    );
    await sleep(RELAX_MS);
    const disconnects = (await notices(account.id)).filter((n) => n.kind === 'disconnected');
    expect(disconnects.map((n) => n.severity).sort()).toEqual(['error', 'error', 'info', 'info']);
    expect(await mailsAbout(member.email, 'Dora')).toHaveLength(2); // withdrawn + fixed; none for the team's own act
    // the old link no longer resumes an account the team removed on purpose
    const stale = await fetch(reconnectLink(pl), { redirect: 'manual' });
    expect(stale.status).toBe(404);
    expect(await stale.text()).toContain('<html lang="pl"');
    expect(
      hooks
        .delivered('account.disconnected')
        .filter((h) => (h.data.account as { id: string }).id === account.id)
        .map((h) => h.data.by)
        .sort(),
    ).toEqual(['provider', 'team']);
  });

  it('TokenRevoked by the platform (the user withdrew access there): an error notice and email with a link, once', async () => {
    const account = await connect('tomek');
    const revoked = {
      connectionId: account.id,
      teamId: team.teamId,
      type: 'TWITTER',
      revokedAt: new Date().toISOString(),
      providerRevoked: false,
      by: 'provider',
    } as const;
    // delivered twice: still one notice and one email each
    await publishEvent(natsUrl, system.namespace, 'switchboard.token.revoked.v1', revoked);
    await publishEvent(natsUrl, system.namespace, 'switchboard.token.revoked.v1', revoked);
    const [en] = await waitMails(admin.email, 'Tomek', 1, 'the admin’s withdrawn-access email');
    expect(en.subject).toBe('Access to your X account Tomek was withdrawn');
    expect(reconnectLink(en)).toContain('/reconnect?t=');
    await sleep(RELAX_MS);
    const lost = (await notices(account.id)).filter((n) => n.kind === 'disconnected');
    expect(lost.map((n) => n.severity)).toEqual(['error', 'error']); // member and admin
    expect(await mailsAbout(admin.email, 'Tomek')).toHaveLength(1);
  });

  it('ConnectFailed: a failed reconnect tells owner and admins with a fresh link; a failed first connect only tells its member, in the inbox', async () => {
    const account = await connect('cyril');
    await publishEvent(natsUrl, system.namespace, 'switchboard.token.refresh_failed.v1', {
      connectionId: account.id,
      teamId: team.teamId,
      type: 'TWITTER',
      credentialVersion: await version(account.id),
      reason: 'reauth_required',
      detail: 'invalid_grant',
      providerError: 'invalid_grant',
      missingScopes: [],
      failedAt: new Date().toISOString(),
    });
    const [first] = await waitMails(member.email, 'Cyril', 1, 'the failure email');
    // Ewa opens the link but presses Cancel at X
    const denied = await followReconnect(reconnectLink(first), 'cyril', 'deny');
    expect(denied.body).toContain('data-outcome="failed"');
    const mails = await waitMails(member.email, 'Cyril', 2, 'the failed-reconnect email');
    const failed = mails.find(
      (m) => m.subject === 'Ponowne połączenie konta X Cyril nie powiodło się',
    )!;
    expect(failed.text).toContain('Dostęp nie został zatwierdzony w X.');
    expect(
      (await waitMails(admin.email, 'Cyril', 2, 'the admin’s copy')).map((m) => m.subject),
    ).toContain('Reconnecting your X account Cyril did not work');
    const hook = await waitFor(
      () => hooks.delivered('connect.failed').find((h) => h.data.accountId === account.id),
      { timeoutMs: 10_000, what: 'connect.failed' },
    );
    expect(hook.data).toMatchObject({ code: 'denied', type: 'TWITTER' });
    // the new email's link works too
    const landed = await followReconnect(reconnectLink(failed), 'cyril');
    expect(landed.body).toContain('data-outcome="success"');
    expect(await accountStatus(account.id)).toMatchObject({ status: 'ACTIVE' });

    await waitMails(member.email, 'Cyril', 3, '"connected again"');
    await waitMails(admin.email, 'Cyril', 3, 'the admin’s "connected again"');

    // a first connection that the user cancels: an inbox line for Ewa only, no email, a webhook
    const before = (await system.sandbox.mail()).length;
    const { landedOn } = await connectAccount(system.api, asMember(), {
      type: 'TWITTER',
      user: 'nobody',
      action: 'deny',
    });
    expect(landedOn.searchParams.has('twitter-denied')).toBe(true);
    const line = await waitFor(
      async () =>
        (await notices()).find((n) => n.kind === 'connect_failed' && n.connectionId === null),
      { timeoutMs: 15_000, what: 'the inbox line' },
    );
    expect(line).toMatchObject({ memberId: member.id, locale: 'pl', actionUrl: null });
    await waitFor(() => hooks.delivered('connect.failed').find((h) => h.data.accountId === null), {
      timeoutMs: 10_000,
      what: 'connect.failed (first connect)',
    });
    await sleep(RELAX_MS);
    expect(
      (await notices()).filter((n) => n.kind === 'connect_failed' && n.connectionId === null),
    ).toHaveLength(1);
    expect((await system.sandbox.mail()).length).toBe(before);
  });

  it('should remind about an unresolved failure on the configured schedule, a bounded number of times, and stop at reconnect', async () => {
    const stuck = await connect('ruth');
    const fixedSoon = await connect('fred');
    for (const a of [stuck, fixedSoon]) {
      await publishEvent(natsUrl, system.namespace, 'switchboard.token.refresh_failed.v1', {
        connectionId: a.id,
        teamId: team.teamId,
        type: 'TWITTER',
        credentialVersion: await version(a.id),
        reason: 'reauth_required',
        detail: 'invalid_grant',
        providerError: 'invalid_grant',
        missingScopes: [],
        failedAt: new Date().toISOString(),
      });
    }
    const [fredMail] = await waitMails(member.email, 'Fred', 1, 'Fred’s failure email');
    await followReconnect(reconnectLink(fredMail), 'fred');
    // schedule 8 s and 16 s: two reminders for Ruth, then nothing more; none for Fred
    const reminders = await waitFor(
      async () => {
        const m = (await mailsAbout(member.email, 'Ruth')).filter((x) =>
          x.subject.startsWith('Przypomnienie'),
        );
        return m.length >= 2 ? m : undefined;
      },
      { timeoutMs: 40_000, what: 'two reminders' },
    );
    expect(reminders[0].subject).toBe(
      'Przypomnienie: Twoje konto X Ruth nadal wymaga ponownego połączenia',
    );
    await sleep(6000);
    expect(
      (await mailsAbout(member.email, 'Ruth')).filter((x) => x.subject.startsWith('Przypomnienie')),
    ).toHaveLength(2);
    expect(
      (await mailsAbout(admin.email, 'Ruth')).filter((x) => x.subject.startsWith('Reminder:')),
    ).toHaveLength(2);
    expect((await mailsAbout(member.email, 'Fred')).map((m) => m.subject)).toEqual([
      'Twoje konto X Fred wymaga ponownego połączenia',
      'Twoje konto X Fred jest znowu połączone',
    ]);
    expect((await notices(stuck.id)).map((n) => n.kind).sort()).toEqual([
      'refresh_failed',
      'refresh_failed',
      'reminder',
      'reminder',
      'reminder',
      'reminder',
    ]);
  });

  it('should honour member preferences per channel and kind, and a team that leaves its admins out', async () => {
    const account = await connect('pia');
    const prefs = await system.api.request<{
      items: { kind: string; email: boolean; inApp: boolean }[];
    }>('PUT', `/api/v1/team/${team.teamId}/member/${member.id}/notification-preferences`, {
      preferences: [{ kind: 'token_expiring', email: false }],
    });
    expect(prefs.status).toBe(200);
    expect(prefs.body.items.find((p) => p.kind === 'token_expiring')).toEqual({
      kind: 'token_expiring',
      email: false,
      inApp: true,
    });
    const bad = await system.api.request(
      'PUT',
      `/api/v1/team/${team.teamId}/member/${member.id}/notification-preferences`,
      { preferences: [{ kind: 'nope', email: false }] },
    );
    expect(bad.status).toBe(400);
    const event = {
      connectionId: account.id,
      teamId: team.teamId,
      type: 'TWITTER' as const,
      credentialVersion: await version(account.id),
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      horizonSeconds: 3600,
      cause: 'refresh_token_end_of_life' as const,
    };
    await publishEvent(natsUrl, system.namespace, 'switchboard.token.expiring.v1', event);
    await waitMails(admin.email, 'Pia', 1, 'the admin email');
    await sleep(RELAX_MS);
    expect(await mailsAbout(member.email, 'Pia')).toEqual([]);
    expect((await notices(account.id)).map((n) => n.memberId).sort()).toEqual(
      [admin.id, member.id].sort(),
    );

    // the team opts its admins out: only the member who connected the account hears
    const settings = await system.api.request(
      'PUT',
      `/api/v1/team/${team.teamId}/notification-settings`,
      { notifyAdmins: false },
    );
    expect(settings).toMatchObject({ status: 200, body: { notifyAdmins: false } });
    await publishEvent(natsUrl, system.namespace, 'switchboard.token.expiring.v1', {
      ...event,
      horizonSeconds: 600,
    });
    await waitFor(async () => ((await notices(account.id)).length === 3 ? true : undefined), {
      timeoutMs: 15_000,
      what: 'the member’s notice',
    });
    await sleep(RELAX_MS);
    expect((await notices(account.id)).filter((n) => n.memberId === admin.id)).toHaveLength(1);
    expect(await mailsAbout(admin.email, 'Pia')).toHaveLength(1);
    await system.api.request('PUT', `/api/v1/team/${team.teamId}/notification-settings`, {
      notifyAdmins: true,
    });
  });

  it('should keep read state, count unread, and stream notices live over SSE', async () => {
    const account = await connect('sam');
    const controller = new AbortController();
    const res = await fetch(
      `${system.gatewayUrl}/api/v1/notification/stream?teamId=${team.teamId}&memberId=${member.id}`,
      {
        headers: { 'x-api-key': system.adminKey },
        signal: controller.signal,
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let buffer = '';
    const nextEvent = async (name: string): Promise<Record<string, unknown>> =>
      waitFor(
        async () => {
          const found = buffer.split('\n\n').find((b) => b.includes(`event: ${name}\n`));
          if (found) {
            buffer = buffer.slice(buffer.indexOf(found) + found.length + 2);
            return JSON.parse(
              found
                .split('\n')
                .find((l) => l.startsWith('data: '))!
                .slice(6),
            ) as Record<string, unknown>;
          }
          const { value } = (await reader.read()) as { value?: Uint8Array };
          buffer += Buffer.from(value ?? new Uint8Array()).toString('utf8');
          return undefined;
        },
        { timeoutMs: 20_000, what: `SSE ${name}` },
      );
    const ready = await nextEvent('ready');
    expect(typeof ready.unreadCount).toBe('number');

    await publishEvent(natsUrl, system.namespace, 'switchboard.token.refresh_failed.v1', {
      connectionId: account.id,
      teamId: team.teamId,
      type: 'TWITTER',
      credentialVersion: await version(account.id),
      reason: 'transient_exhausted',
      detail: 'platform down',
      providerError: null,
      missingScopes: [],
      failedAt: new Date().toISOString(),
    });
    const created = await nextEvent('notification.created');
    expect(created).toMatchObject({
      memberId: member.id,
      connectionId: account.id,
      kind: 'refresh_failed',
      readAt: null,
    });

    const before = await system.api.get<{ unreadCount: number }>(
      `/api/v1/notification?teamId=${team.teamId}&memberId=${member.id}&unread=true`,
    );
    expect(before.body.unreadCount).toBe(Number(ready.unreadCount) + 1);
    const read = await system.api.post<Notice>(
      `/api/v1/notification/${String(created.id)}/read`,
      {},
    );
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await nextEvent('notification.read')).id).toBe(created.id);
    const again = await system.api.post<Notice>(
      `/api/v1/notification/${String(created.id)}/read`,
      {},
    );
    expect(again.body.readAt).toBe(read.body.readAt);
    const after = await system.api.get<{ unreadCount: number }>(
      `/api/v1/notification?teamId=${team.teamId}&memberId=${member.id}`,
    );
    expect(after.body.unreadCount).toBe(before.body.unreadCount - 1);
    controller.abort();

    // another team's key sees none of it
    const other = await createTeam(system.api, 'Other team');
    const key = await system.api.post<{ key: string }>('/api/v1/api-key', {
      teamId: other.teamId,
      scopes: ['accounts:read'],
    });
    const foreign = system.api.withKey(key.body.key);
    expect((await foreign.post(`/api/v1/notification/${String(created.id)}/read`, {})).status).toBe(
      404,
    );
    expect((await foreign.get(`/api/v1/notification?teamId=${team.teamId}`)).status).toBe(404);
    expect((await foreign.get(`/api/v1/notification/stream?teamId=${team.teamId}`)).status).toBe(
      404,
    );
    expect((await system.api.post(`/api/v1/notification/not-a-uuid/read`, {})).status).toBe(404);
  });

  it('should never log a reconnect token, webhook secret or signing secret', () => {
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    expect(findSecrets(system.allLines(), secrets)).toEqual([]);
  });

  it('should still have every process running, with nothing dead-lettered by the notifier', async () => {
    expect(system.exited()).toEqual([]);
    const dead = await sql<{ n: string }>(
      system.databaseUrl,
      `SELECT count(*) AS n FROM notifier.dead_letter`,
    );
    expect(Number(dead[0].n)).toBe(0);
  });
});

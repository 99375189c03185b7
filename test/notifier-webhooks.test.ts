import { findSecrets, sleep, testNatsUrl, waitFor } from '@switchboard/testing';
import { createTeam, type TeamFixture } from './support/flows';
import {
  HookReceiver,
  notifierKnows,
  publishConnected,
  publishEvent,
  signatureValid,
  sql,
} from './support/notifier';
import { System } from './support/system';

interface Subscription {
  id: string;
  teamId: string;
  url: string;
  events: string[];
  status: string;
  failingSince: string | null;
  disabledReason: string | null;
  secret?: string;
}
interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  attemptLog: { statusCode: number | null; error: string | null; manual: boolean }[];
  body: string | null;
}

/**
 * Webhooks through the real services: per-team subscriptions with an event filter, the API.md
 * body and signature, retries with backoff, the delivery log, manual redelivery, SSRF refusals,
 * and a subscription that fails for too long being switched off with a notice to the admins.
 */
describe('notifier: webhooks', () => {
  const system = new System({
    env: {
      WEBHOOK_POLL_MS: '100',
      WEBHOOK_RETRY_BASE_MS: '500',
      WEBHOOK_RETRY_MAX_MS: '2000',
      WEBHOOK_DISABLE_AFTER_SECONDS: '4',
    },
  });
  const receiver = new HookReceiver();
  let natsUrl: string;
  let team: TeamFixture;
  const secrets: string[] = [];

  beforeAll(async () => {
    natsUrl = await testNatsUrl();
    await system.start();
    await receiver.start();
    team = await createTeam(system.api, 'Webhook team');
    secrets.push(system.adminKey, system.portalSigningSecret);
  }, 180_000);

  afterAll(async () => {
    await receiver.stop();
    await system.stop();
  });

  const subscribe = async (url: string, events: string[], key?: string): Promise<Subscription> => {
    const res = await fetch(`${system.gatewayUrl}/api/v1/webhook`, {
      method: 'POST',
      headers: {
        'x-api-key': system.adminKey,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify({ teamId: team.teamId, url, events }),
    });
    const body = (await res.json()) as Subscription;
    expect(res.status).toBe(201);
    secrets.push(body.secret!);
    return body;
  };

  /** A made-up account of the team, then a TokenExpiring for it: one account.expiring webhook. */
  const expiring = async (name: string): Promise<string> => {
    const connectionId = await publishConnected(natsUrl, system.namespace, {
      teamId: team.teamId,
      memberId: team.memberId,
      displayName: name,
    });
    await notifierKnows(system.databaseUrl, connectionId);
    await publishEvent(natsUrl, system.namespace, 'switchboard.token.expiring.v1', {
      connectionId,
      teamId: team.teamId,
      type: 'TWITTER',
      credentialVersion: 1,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      horizonSeconds: 86_400,
      cause: 'not_refreshable',
    });
    return connectionId;
  };

  const log = async (subscriptionId: string): Promise<Delivery[]> =>
    (await system.api.get<{ items: Delivery[] }>(`/api/v1/webhook/${subscriptionId}/delivery`)).body
      .items;

  it('should refuse private, link-local and malformed target URLs and bad input, creating nothing', async () => {
    for (const url of [
      'http://10.1.2.3/hook',
      'http://192.168.1.10/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00::1]/hook',
      'http://[::ffff:10.0.0.1]/hook',
      'http://100.64.0.1/hook',
      'ftp://127.0.0.1/hook',
      'http://user:pw@127.0.0.1/hook',
      'not a url',
    ]) {
      const res = await system.api.post<{ code: string }>('/api/v1/webhook', {
        teamId: team.teamId,
        url,
        events: ['account.expiring'],
      });
      expect({ url, status: res.status, code: res.body.code }).toEqual({
        url,
        status: 400,
        code: 'webhook-url-not-allowed',
      });
    }
    for (const body of [
      { teamId: team.teamId, url: receiver.url, events: [] },
      { teamId: team.teamId, url: receiver.url, events: ['account.exploded'] },
      { teamId: team.teamId, url: receiver.url, events: ['account.expiring'], extra: 1 },
      { url: receiver.url, events: ['account.expiring'] },
    ]) {
      const res = await system.api.post<{ code: string }>('/api/v1/webhook', body);
      expect(res).toMatchObject({ status: 400, body: { code: 'validation-failed' } });
    }
    const listed = await system.api.get<{ items: unknown[] }>(
      `/api/v1/webhook?teamId=${team.teamId}`,
    );
    expect(listed.body.items).toEqual([]);
  });

  it('should answer a retried create with the same Idempotency-Key with the first answer', async () => {
    const a = await subscribe(receiver.url, ['account.connected'], 'create-hook-1');
    const b = await subscribe(receiver.url, ['account.connected'], 'create-hook-1');
    expect(b.id).toBe(a.id);
    expect(b.secret).toBe(a.secret);
    expect(a.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = await system.api.get<{ items: Subscription[] }>(
      `/api/v1/webhook?teamId=${team.teamId}`,
    );
    expect(listed.body.items.map((s) => s.id)).toEqual([a.id]);
    expect(listed.body.items[0]).not.toHaveProperty('secret');
    expect((await system.api.request('DELETE', `/api/v1/webhook/${a.id}`)).status).toBe(204);
    expect((await system.api.get(`/api/v1/webhook/${a.id}`)).status).toBe(404);
  });

  it('endpoint answers 500 then 200: one successful delivery, both attempts logged, the signature verifies', async () => {
    const sub = await subscribe(receiver.url, ['account.expiring']);
    receiver.answer(500);
    const connectionId = await expiring('Wanda');
    const ok = await waitFor(() => receiver.delivered('account.expiring')[0], {
      timeoutMs: 20_000,
      what: 'the delivery to succeed',
    });
    await sleep(2500);
    const requests = receiver.received.filter((r) => r.body.includes(connectionId));
    expect(requests.map((r) => r.answered)).toEqual([500, 200]);
    expect(requests[1].at - requests[0].at).toBeGreaterThanOrEqual(350); // backed off
    expect(requests[0].body).toBe(requests[1].body); // the same event, byte for byte
    for (const r of requests) {
      expect(r.headers['x-switchboard-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(
        signatureValid(sub.secret!, r.headers['x-switchboard-signature'] as string, r.body),
      ).toBe(true);
      expect(
        signatureValid('whsec_wrong', r.headers['x-switchboard-signature'] as string, r.body),
      ).toBe(false);
      expect(r.headers['content-type']).toBe('application/json');
    }
    expect(Object.keys(JSON.parse(requests[1].body) as object)).toEqual([
      'id',
      'type',
      'time',
      'teamId',
      'data',
    ]);
    expect(ok).toMatchObject({
      type: 'account.expiring',
      teamId: team.teamId,
      data: { account: { id: connectionId, displayName: 'Wanda' }, horizonSeconds: 86_400 },
    });
    const [delivery] = await log(sub.id);
    expect(delivery).toMatchObject({
      eventId: ok.id,
      eventType: 'account.expiring',
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 200,
      attemptLog: [
        { statusCode: 500, error: 'HTTP 500', manual: false },
        { statusCode: 200, error: null, manual: false },
      ],
    });

    // manual redelivery: sent again now, re-signed, logged as manual, same event id
    const again = await system.api.post<Delivery>(
      `/api/v1/webhook/${sub.id}/delivery/${delivery.id}/redeliver`,
      {},
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(again.body.attemptLog.map((a) => a.manual)).toEqual([false, false, true]);
    const third = receiver.received.filter((r) => r.body.includes(connectionId));
    expect(third).toHaveLength(3);
    expect(
      signatureValid(
        sub.secret!,
        third[2].headers['x-switchboard-signature'] as string,
        third[2].body,
      ),
    ).toBe(true);
    const one = await system.api.get<Delivery>(`/api/v1/webhook/${sub.id}/delivery/${delivery.id}`);
    expect(one.body.body).toBe(third[0].body);
    expect((await system.api.request('DELETE', `/api/v1/webhook/${sub.id}`)).status).toBe(204);
  });

  it('should deliver only the event types a subscription asked for, to the team it belongs to', async () => {
    const other = await createTeam(system.api, 'Another team');
    const connected = await subscribe(receiver.url, ['account.connected']);
    const before = receiver.received.length;
    const connectionId = await publishConnected(natsUrl, system.namespace, {
      teamId: other.teamId,
      memberId: null,
      displayName: 'Elsewhere',
    });
    await notifierKnows(system.databaseUrl, connectionId);
    const mine = await expiring('Filtered');
    await waitFor(
      () =>
        receiver
          .delivered('account.connected')
          .find((h) => JSON.stringify(h.data).includes('Filtered')),
      {
        timeoutMs: 10_000,
        what: 'the account.connected of this team',
      },
    );
    await sleep(1500);
    const newer = receiver.received
      .slice(before)
      .map((r) => JSON.parse(r.body) as { type: string; teamId: string });
    expect(newer.map((h) => [h.type, h.teamId])).toEqual([['account.connected', team.teamId]]);
    expect(JSON.stringify(newer)).not.toContain(connectionId);
    expect(mine).toBeDefined();
    expect((await system.api.request('DELETE', `/api/v1/webhook/${connected.id}`)).status).toBe(
      204,
    );
  });

  it('should refuse, at delivery time, a redirect to a link-local address', async () => {
    const sub = await subscribe(receiver.url, ['account.expiring']);
    receiver.answer({ status: 307, location: 'http://169.254.169.254/latest/meta-data/' });
    await expiring('Redirected');
    const [first] = await waitFor(
      async () => {
        const l = await log(sub.id);
        return l[0]?.attempts ? l : undefined;
      },
      { timeoutMs: 15_000, what: 'the first attempt' },
    );
    expect(first.attemptLog[0]).toMatchObject({ statusCode: null });
    expect(first.attemptLog[0].error).toContain('linkLocal');
    // the retry goes to the real URL again, which now answers 200
    await waitFor(async () => ((await log(sub.id))[0].status === 'delivered' ? true : undefined), {
      timeoutMs: 15_000,
      what: 'the retry to succeed',
    });
    expect((await system.api.request('DELETE', `/api/v1/webhook/${sub.id}`)).status).toBe(204);
  });

  it('should disable a subscription whose deliveries keep failing, stop its retries, and tell the admins', async () => {
    receiver.answer(...Array.from({ length: 30 }, () => 503));
    const sub = await subscribe(receiver.url, ['account.expiring']);
    await expiring('Failing');
    const disabled = await waitFor(
      async () => {
        const s = (await system.api.get<Subscription>(`/api/v1/webhook/${sub.id}`)).body;
        return s.status === 'disabled' ? s : undefined;
      },
      { timeoutMs: 30_000, what: 'the subscription to be disabled' },
    );
    expect(disabled.disabledReason).toContain('every delivery failed since');
    const [delivery] = await log(sub.id);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toBeGreaterThanOrEqual(3);
    expect(delivery.attemptLog.every((a) => a.statusCode === 503)).toBe(true);
    const notice = await waitFor(
      async () =>
        (
          await system.api.get<{ items: { kind: string; memberId: string; title: string }[] }>(
            `/api/v1/notification?teamId=${team.teamId}`,
          )
        ).body.items.find((n) => n.kind === 'webhook_disabled'),
      { timeoutMs: 10_000, what: 'the admins’ notice' },
    );
    expect(notice).toMatchObject({ memberId: team.memberId });
    expect(notice.title).toBe(`A webhook was switched off: ${new URL(receiver.url).host}`);
    const mail = await waitFor(
      async () =>
        (await system.sandbox.mail(team.memberEmail)).find((m) =>
          m.subject.startsWith('A webhook'),
        ),
      { timeoutMs: 10_000, what: 'the admins’ email' },
    );
    expect(mail.text).toContain(receiver.url);
    const attempts = receiver.received.length;
    await sleep(3000);
    expect(receiver.received.length).toBe(attempts); // no retries after disabling
    receiver.resetAnswers();

    const enabled = await system.api.post<Subscription>(`/api/v1/webhook/${sub.id}/enable`, {});
    expect(enabled.body).toMatchObject({
      status: 'active',
      failingSince: null,
      disabledReason: null,
    });
  });

  it('should hide one team’s subscriptions and deliveries from another team’s key', async () => {
    const sub = await subscribe(receiver.url, ['account.expiring']);
    await expiring('Private');
    const [delivery] = await waitFor(
      async () => ((await log(sub.id)).length ? log(sub.id) : undefined),
      {
        timeoutMs: 10_000,
        what: 'a delivery',
      },
    );
    const other = await createTeam(system.api, 'Nosy team');
    const key = await system.api.post<{ key: string }>('/api/v1/api-key', {
      teamId: other.teamId,
      scopes: ['webhooks:write'],
    });
    secrets.push(key.body.key);
    const nosy = system.api.withKey(key.body.key);
    expect((await nosy.get(`/api/v1/webhook/${sub.id}`)).status).toBe(404);
    expect((await nosy.get(`/api/v1/webhook/${sub.id}/delivery`)).status).toBe(404);
    expect((await nosy.get(`/api/v1/webhook/${sub.id}/delivery/${delivery.id}`)).status).toBe(404);
    expect(
      (await nosy.post(`/api/v1/webhook/${sub.id}/delivery/${delivery.id}/redeliver`, {})).status,
    ).toBe(404);
    expect((await nosy.request('DELETE', `/api/v1/webhook/${sub.id}`)).status).toBe(404);
    expect((await nosy.get(`/api/v1/webhook?teamId=${team.teamId}`)).status).toBe(404);
    const readOnly = await system.api.post<{ key: string }>('/api/v1/api-key', {
      teamId: team.teamId,
      scopes: ['accounts:read'],
    });
    secrets.push(readOnly.body.key);
    const res = await system.api
      .withKey(readOnly.body.key)
      .post<{ code: string }>('/api/v1/webhook', {
        teamId: team.teamId,
        url: receiver.url,
        events: ['account.expiring'],
      });
    expect(res).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await system.api.get(`/api/v1/webhook/${sub.id}`)).status).toBe(200);
  });

  it('should act once per fact across a notifier restart and redeliveries: one notice, one email, one webhook', async () => {
    const sub = await subscribe(receiver.url, ['account.refresh_failed']);
    const connectionId = await publishConnected(natsUrl, system.namespace, {
      teamId: team.teamId,
      memberId: team.memberId,
      displayName: 'Restarted',
    });
    await notifierKnows(system.databaseUrl, connectionId);
    const data = {
      connectionId,
      teamId: team.teamId,
      type: 'TWITTER' as const,
      credentialVersion: 1,
      reason: 'reauth_required' as const,
      detail: 'invalid_grant',
      providerError: 'invalid_grant',
      missingScopes: [],
      failedAt: new Date().toISOString(),
    };
    const id = await publishEvent(
      natsUrl,
      system.namespace,
      'switchboard.token.refresh_failed.v1',
      data,
    );
    await waitFor(
      () =>
        receiver
          .delivered('account.refresh_failed')
          .find((h) => JSON.stringify(h).includes(connectionId)),
      {
        timeoutMs: 15_000,
        what: 'the first delivery',
      },
    );
    await system.restart('notifier');
    await publishEvent(natsUrl, system.namespace, 'switchboard.token.refresh_failed.v1', data, {
      id,
    });
    await publishEvent(natsUrl, system.namespace, 'switchboard.token.refresh_failed.v1', data);
    await waitFor(
      async () => {
        const rows = await sql<{ n: string }>(
          system.databaseUrl,
          `SELECT count(*) AS n FROM notifier.inbox WHERE event_type = 'switchboard.token.refresh_failed.v1'`,
        );
        return Number(rows[0].n) >= 2 ? true : undefined;
      },
      { timeoutMs: 20_000, what: 'the restarted notifier to handle the copies' },
    );
    await sleep(2000);
    expect(
      receiver
        .delivered('account.refresh_failed')
        .filter((h) => JSON.stringify(h).includes(connectionId)),
    ).toHaveLength(1);
    const notices = (
      await system.api.get<{ items: unknown[] }>(
        `/api/v1/notification?teamId=${team.teamId}&connectionId=${connectionId}`,
      )
    ).body.items;
    expect(notices).toHaveLength(1);
    expect(
      (await system.sandbox.mail(team.memberEmail)).filter((m) => m.subject.includes('Restarted')),
    ).toHaveLength(1);
    expect((await log(sub.id)).map((d) => d.status)).toEqual(['delivered']);
  });

  it('should keep webhook secrets sealed at rest and out of every log', async () => {
    const rows = await sql<{ secret_sealed: string }>(
      system.databaseUrl,
      `SELECT secret_sealed FROM notifier.webhook_subscription`,
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) expect(r.secret_sealed).not.toContain('whsec_');
    expect(findSecrets(system.allLines(), secrets)).toEqual([]);
    expect(system.exited()).toEqual([]);
  });
});

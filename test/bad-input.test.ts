import { spawnProcess, testNatsUrl, waitFor } from '@switchboard/testing';
import { createTeam, type TeamFixture } from './support/flows';
import { accountConnectedEvent, eventsSubject, publishRaw } from './support/publish';
import { rpcRequest } from './support/rpc';
import { SERVICES, System } from './support/system';

const CONSUMERS = {
  gateway: 'gateway',
  'refresh-scheduler': 'refresh_scheduler',
  notifier: 'notifier',
} as const;

async function deadLetterCount(system: System, service: keyof typeof CONSUMERS): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${system.port(service)}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('bus_dead_letters_total{'))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

describe('bad input', () => {
  const system = new System();
  let team: TeamFixture;
  let natsUrl: string;

  beforeAll(async () => {
    natsUrl = await testNatsUrl();
    await system.start();
    team = await createTeam(system.api);
  }, 180_000);

  afterAll(() => system.stop());

  describe('on the event stream', () => {
    it('should dead-letter and count bad JSON, a wrong schema and an unknown type, and keep consuming', async () => {
      const subject = eventsSubject(system.namespace, 'account.connected.v1');
      await publishRaw(natsUrl, subject, '{not json');
      const wrong = JSON.parse(accountConnectedEvent(team.teamId, 'x').json) as {
        data: Record<string, unknown>;
      };
      wrong.data.refreshToken = 'leaked?';
      await publishRaw(natsUrl, subject, JSON.stringify(wrong));
      const unknown = JSON.parse(accountConnectedEvent(team.teamId, 'y').json) as Record<
        string,
        unknown
      >;
      unknown.type = 'switchboard.account.exploded.v1';
      await publishRaw(
        natsUrl,
        eventsSubject(system.namespace, 'account.exploded.v1'),
        JSON.stringify(unknown),
      );
      const good = accountConnectedEvent(team.teamId, 'Arrived after the bad ones');
      await publishRaw(
        natsUrl,
        eventsSubject(system.namespace, good.subjectSuffix),
        good.json,
        good.id,
      );

      for (const service of Object.keys(CONSUMERS) as (keyof typeof CONSUMERS)[]) {
        await waitFor(
          async () => ((await deadLetterCount(system, service)) >= 3 ? true : undefined),
          { timeoutMs: 20_000, what: `${service} to dead-letter 3 messages` },
        );
        const list = await rpcRequest<{ items: { reason: string }[] }>(
          natsUrl,
          system.namespace,
          `${service}.deadletters.list`,
          { limit: 50, cursor: null, includeReplayed: false },
        );
        expect(list.ok).toBe(true);
        expect(list.data?.items.map((i) => i.reason).sort()).toEqual([
          'bad-json',
          'bad-schema',
          'unknown-type',
        ]);
      }
      const listed = await waitFor(
        async () => {
          const res = await system.api.get<{ items: { id: string }[] }>(
            `/api/v1/social-account?teamId=${team.teamId}`,
          );
          return res.body.items.some((a) => a.id === good.connectionId) ? true : undefined;
        },
        { timeoutMs: 20_000, what: 'the good event after the bad ones' },
      );
      expect(listed).toBe(true);
      expect(system.exited()).toEqual([]);
    });

    it('should replay a dead letter on request, and dead-letter it again if it is still bad', async () => {
      const list = await rpcRequest<{ items: { id: string; reason: string }[] }>(
        natsUrl,
        system.namespace,
        'notifier.deadletters.list',
        { limit: 50, cursor: null, includeReplayed: false },
      );
      const badJson = list.data!.items.find((i) => i.reason === 'bad-json')!;
      const replay = await rpcRequest<{ replayed: boolean }>(
        natsUrl,
        system.namespace,
        'notifier.deadletters.replay',
        { id: badJson.id },
      );
      expect(replay).toEqual({ ok: true, data: { replayed: true } });
      await waitFor(
        async () => ((await deadLetterCount(system, 'notifier')) >= 4 ? true : undefined),
        { timeoutMs: 20_000, what: 'the replayed message to be dead-lettered again' },
      );
    });

    it('should refuse an RPC request that fails its schema with a stable code', async () => {
      const res = await rpcRequest(natsUrl, system.namespace, 'vault.token.get', {
        connectionId: 'nope',
        teamId: team.teamId,
        purpose: 'x',
        extra: 1,
      });
      expect(res.ok).toBe(false);
      expect(res.error?.code).toBe('validation-failed');
    });
  });

  describe('over HTTP', () => {
    it('should answer 400 with a stable code for a body with unknown fields, and create nothing', async () => {
      const res = await system.api.post<{
        statusCode: number;
        code: string;
        message: string;
        error: string;
      }>('/api/v1/team', { name: 'x', color: 'red' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        code: 'validation-failed',
        error: 'Bad Request',
      });
      expect(res.body.message).toContain('color');
    });

    it('should answer 400 for malformed JSON', async () => {
      const res = await system.api.post<{ code: string }>('/api/v1/team', '{"name":');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation-failed');
    });

    it('should answer 401 without a valid API key', async () => {
      const res = await system.api
        .withKey('wrong-key')
        .get<{ code: string }>(`/api/v1/social-account?teamId=${team.teamId}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthorized');
    });

    it('should refuse a connect whose redirectUrl is on another origin', async () => {
      const res = await system.api.post<{ code: string }>('/api/v1/social-account/connect', {
        teamId: team.teamId,
        type: 'TWITTER',
        redirectUrl: 'https://evil.example.net/',
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('redirect-not-allowed');
    });
  });

  describe('in configuration', () => {
    it.each(SERVICES)(
      '%s should stop at boot naming a missing required variable',
      async (service) => {
        const proc = await spawnProcess({
          name: `${service}-noenv`,
          entry: `services/${service}/src/main.ts`,
          env: { NATS_URL: natsUrl },
        });
        const exit = await proc.exited;
        expect(exit.code).toBe(78);
        expect(proc.lines.join('\n')).toMatch(/DATABASE_URL is required but not set/);
      },
    );

    it('should name an invalid variable without echoing its value', async () => {
      const proc = await spawnProcess({
        name: 'gateway-badenv',
        entry: 'services/gateway/src/main.ts',
        env: {
          DATABASE_URL: 'mysql://secret-password@x/y',
          NATS_URL: natsUrl,
          PUBLIC_URL: 'http://localhost:3000',
          GATEWAY_PORT: '99999',
        },
      });
      const exit = await proc.exited;
      expect(exit.code).toBe(78);
      const out = proc.lines.join('\n');
      expect(out).toContain('DATABASE_URL: must be a postgres:// URL');
      expect(out).toContain('GATEWAY_PORT');
      expect(out).not.toContain('secret-password');
    });
  });
});

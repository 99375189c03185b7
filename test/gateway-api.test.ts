import { createTeam, PRODUCT_ORIGIN, type TeamFixture } from './support/flows';
import { System } from './support/system';

describe('gateway API conventions', () => {
  const system = new System();
  let team: TeamFixture;

  beforeAll(async () => {
    await system.start();
    team = await createTeam(system.api);
  }, 180_000);

  afterAll(() => system.stop());

  const post = (
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
    key = system.adminKey,
  ) =>
    fetch(`${system.gatewayUrl}${path}`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  describe('Idempotency-Key', () => {
    it('should answer a retried POST with the first answer and do it once', async () => {
      const first = await post(
        '/api/v1/team',
        { name: 'Idem' },
        { 'idempotency-key': 'create-idem-1' },
      );
      const second = await post(
        '/api/v1/team',
        { name: 'Idem' },
        { 'idempotency-key': 'create-idem-1' },
      );
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const a = (await first.json()) as { id: string };
      const b = (await second.json()) as { id: string };
      expect(b.id).toBe(a.id);
    });

    it('should refuse the same key with a different body', async () => {
      await post('/api/v1/team', { name: 'One' }, { 'idempotency-key': 'create-idem-2' });
      const res = await post(
        '/api/v1/team',
        { name: 'Two' },
        { 'idempotency-key': 'create-idem-2' },
      );
      expect(res.status).toBe(422);
      expect(((await res.json()) as { code: string }).code).toBe('idempotency-key-reused');
    });

    it('should let a failed request be retried with the same key', async () => {
      const bad = await post('/api/v1/team', { name: '' }, { 'idempotency-key': 'create-idem-3' });
      expect(bad.status).toBe(400);
      const ok = await post(
        '/api/v1/team',
        { name: 'Fixed' },
        { 'idempotency-key': 'create-idem-3' },
      );
      expect(ok.status).toBe(201);
    });
  });

  describe('rate limits', () => {
    it('should answer 429 with Retry-After once a key exceeds its allowance, and not limit others', async () => {
      const limited = await system.api.post<{ key: string }>('/api/v1/api-key', {
        teamId: team.teamId,
        scopes: ['accounts:read'],
        rateLimitPerSecond: 3,
      });
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 8; i += 1) {
        const res = await fetch(
          `${system.gatewayUrl}/api/v1/social-account?teamId=${team.teamId}`,
          { headers: { 'x-api-key': limited.body.key } },
        );
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = res.headers.get('retry-after');
          expect(((await res.json()) as { code: string }).code).toBe('rate-limited');
        }
      }
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
      expect(statuses).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      const admin = await system.api.get(`/api/v1/social-account?teamId=${team.teamId}`);
      expect(admin.status).toBe(200);
    });
  });

  describe('audit log', () => {
    it('should record who changed what, with route, target and outcome', async () => {
      const key = await system.api.post<{ id: string; key: string }>('/api/v1/api-key', {
        teamId: team.teamId,
        scopes: ['accounts:write', 'accounts:read'],
      });
      await post(
        `/api/v1/team/${team.teamId}/member`,
        { email: 'audited@example.com' },
        {},
        key.body.key,
      );
      await post(
        '/api/v1/social-account/connect',
        { teamId: team.teamId, type: 'TWITTER', redirectUrl: 'https://evil.example.net/' },
        {},
        key.body.key,
      );
      const log = await system.api.get<{
        items: { keyId: string; route: string; status: number; targetId: string | null }[];
      }>(`/api/v1/audit-log?teamId=${team.teamId}`);
      expect(log.status).toBe(200);
      const mine = log.body.items.filter((e) => e.keyId === key.body.id);
      expect(mine).toEqual([
        expect.objectContaining({
          route: 'POST /api/v1/team/:teamId/member',
          status: 201,
          targetId: team.teamId,
        }),
        expect.objectContaining({ route: 'POST /api/v1/social-account/connect', status: 400 }),
      ]);
    });
  });

  describe('CORS', () => {
    it("should allow a team's redirect origin and refuse others", async () => {
      const allowed = await fetch(
        `${system.gatewayUrl}/api/v1/social-account?teamId=${team.teamId}`,
        {
          method: 'OPTIONS',
          headers: {
            origin: PRODUCT_ORIGIN,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'x-api-key',
          },
        },
      );
      expect(allowed.headers.get('access-control-allow-origin')).toBe(PRODUCT_ORIGIN);
      const refused = await fetch(
        `${system.gatewayUrl}/api/v1/social-account?teamId=${team.teamId}`,
        {
          method: 'OPTIONS',
          headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'GET' },
        },
      );
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});

describe('OpenAPI', () => {
  const system = new System();
  beforeAll(() => system.start(), 180_000);
  afterAll(() => system.stop());

  it('should serve an OpenAPI 3 document generated from the code, and Swagger UI', async () => {
    const doc = (await (await fetch(`${system.gatewayUrl}/docs/json`)).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<
                string,
                { schema: { properties: Record<string, unknown>; additionalProperties: boolean } }
              >;
            };
          }
        >
      >;
    };
    expect(doc.openapi).toMatch(/^3\./);
    const connect = doc.paths['/api/v1/social-account/connect'].post;
    const schema = connect.requestBody!.content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['teamId', 'type', 'redirectUrl']),
    );
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/social-account',
        '/api/v1/social-account/{id}/token',
        '/api/v1/team',
      ]),
    );
    const ui = await fetch(`${system.gatewayUrl}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });
});

import { DEMO_MEMBER, DEMO_TEAM, seedDemoTeam, type Fetch } from './seed';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeGateway(answers: Record<string, [number, unknown]>): { fetch: Fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: Fetch = (url, init) => {
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, url, headers: init?.headers as Record<string, string>, body });
    const path = new URL(url).pathname;
    const [status, json] = answers[`${method} ${path}`] ?? [404, { message: 'no route' }];
    return Promise.resolve(new Response(JSON.stringify(json), { status }));
  };
  return { fetch, calls };
}

const base = { gatewayUrl: 'http://127.0.0.1:3000', adminApiKey: 'admin-key' };

describe('seedDemoTeam', () => {
  it('creates the team and its owner with the admin key', async () => {
    const gateway = fakeGateway({
      'POST /api/v1/team': [201, { id: 'team_9', name: 'Demo team' }],
      'POST /api/v1/team/team_9/member': [201, { id: 'member_1' }],
    });
    const result = await seedDemoTeam({ ...base, previousTeamId: undefined, fetch: gateway.fetch });
    expect(result).toEqual({ teamId: 'team_9', created: true });
    expect(gateway.calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['POST', 'http://127.0.0.1:3000/api/v1/team', DEMO_TEAM],
      ['POST', 'http://127.0.0.1:3000/api/v1/team/team_9/member', DEMO_MEMBER],
    ]);
    expect(DEMO_TEAM).toEqual({
      name: 'Demo team',
      plan: 'enterprise',
      allowedRedirectOrigins: ['http://localhost:3000'],
    });
    expect(DEMO_MEMBER).toEqual({
      email: 'owner@demo.test',
      name: 'Demo Owner',
      role: 'admin',
      locale: 'en',
    });
    for (const call of gateway.calls) {
      expect(call.headers).toMatchObject({
        'x-api-key': 'admin-key',
        'content-type': 'application/json',
      });
    }
  });

  it('reuses a team the gateway still knows', async () => {
    const gateway = fakeGateway({ 'GET /api/v1/team/team_1': [200, { id: 'team_1' }] });
    const result = await seedDemoTeam({ ...base, previousTeamId: 'team_1', fetch: gateway.fetch });
    expect(result).toEqual({ teamId: 'team_1', created: false });
    expect(gateway.calls).toHaveLength(1);
  });

  it('creates a new team when the remembered one is gone', async () => {
    const gateway = fakeGateway({
      'POST /api/v1/team': [201, { id: 'team_2' }],
      'POST /api/v1/team/team_2/member': [201, { id: 'm' }],
    });
    const result = await seedDemoTeam({ ...base, previousTeamId: 'team_1', fetch: gateway.fetch });
    expect(result).toEqual({ teamId: 'team_2', created: true });
    expect(gateway.calls[0]).toMatchObject({
      method: 'GET',
      url: 'http://127.0.0.1:3000/api/v1/team/team_1',
    });
  });

  it('says which call failed and what the gateway answered', async () => {
    const gateway = fakeGateway({ 'POST /api/v1/team': [400, { code: 'validation_failed' }] });
    await expect(
      seedDemoTeam({ ...base, previousTeamId: undefined, fetch: gateway.fetch }),
    ).rejects.toThrow('POST /api/v1/team answered 400: {"code":"validation_failed"}');
  });
});

import { waitFor } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import type { ApiResponse } from './support/api-client';
import { connectAccount, createTeam, type TeamFixture } from './support/flows';
import { HookReceiver } from './support/notifier';
import { SecretCollector } from './support/secrets';
import { System } from './support/system';

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

interface Route {
  method: string;
  path: string;
  op: Operation;
}

/** One answer the test got, kept to search every answer for secrets at the end. */
interface Seen {
  method: string;
  path: string;
  status: number;
  text: string;
}

const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

/**
 * Team A's key against team B's ids on every API-key route the gateway documents. The routes come
 * from the OpenAPI document, so a new route is covered as soon as it exists: a path parameter this
 * test has no team-B value for fails the test until one is added below.
 */
describe('gateway security: tenant isolation on every route, scopes, no secrets in answers', () => {
  const system = new System();
  const hooks = new HookReceiver();
  const seen: Seen[] = [];
  let a: TeamFixture;
  let b: TeamFixture;
  let keyA = '';
  const ids: Record<string, string> = {};
  const issuedKeys: string[] = [];
  let webhookSecretB = '';

  async function call(
    key: string | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiResponse<{ code?: string } & Record<string, unknown>>> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 5000);
    try {
      const res = await fetch(`${system.gatewayUrl}${path}`, {
        method,
        redirect: 'manual',
        signal: abort.signal,
        headers: {
          ...(key ? { 'x-api-key': key } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      // event streams stay open: their status and headers are what matters here
      const streaming = res.headers.get('content-type')?.includes('text/event-stream');
      const text = streaming ? '' : await res.text();
      if (!path.startsWith('/docs')) seen.push({ method, path, status: res.status, text });
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: res.status, body: parsed as never, headers: res.headers };
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  }

  const admin = (method: string, path: string, body?: unknown) =>
    call(system.adminKey, method, path, body);

  beforeAll(async () => {
    await system.start();
    await hooks.start();
    a = await createTeam(system.api, 'Team A');
    b = await createTeam(system.api, 'Team B');
    const key = await admin('POST', '/api/v1/api-key', {
      teamId: a.teamId,
      scopes: [
        'accounts:read',
        'accounts:write',
        'tokens:read',
        'webhooks:write',
        'providers:write',
      ],
    });
    keyA = String(key.body.key);
    issuedKeys.push(keyA);
    const keyB = await admin('POST', '/api/v1/api-key', {
      teamId: b.teamId,
      scopes: ['accounts:read'],
    });
    issuedKeys.push(String(keyB.body.key));
    ids.apiKeyId = String(keyB.body.id);

    const hook = await admin('POST', '/api/v1/webhook', {
      teamId: b.teamId,
      url: hooks.url,
      events: ['account.connected', 'account.disconnected'],
    });
    expect(hook.status).toBe(201);
    ids.webhookId = String(hook.body.id);
    webhookSecretB = String(hook.body.secret);

    await connectAccount(system.api, b, { type: 'TWITTER', user: 'sec-b-1' });
    await connectAccount(system.api, b, { type: 'LINKEDIN', user: 'sec-b-2' });
    const accounts = (await admin('GET', `/api/v1/social-account?teamId=${b.teamId}`)).body
      .items as { id: string; type: string }[];
    ids.accountId = accounts.find((x) => x.type === 'TWITTER')!.id;
    // a disconnect leaves a notice in B's inbox and a webhook delivery
    const disconnected = await admin(
      'DELETE',
      `/api/v1/social-account/${accounts.find((x) => x.type === 'LINKEDIN')!.id}`,
    );
    // said here, a refused disconnect is not mistaken for a notice that never came
    expect(disconnected.status).toBe(204);
    const selection = await connectAccount(system.api, b, { type: 'FACEBOOK', user: 'sec-b-3' });
    ids.selectionId = selection.landedOn.searchParams.get('facebook-select-channel') ?? '';
    expect(ids.selectionId).not.toBe('');
    ids.notificationId = await waitFor(
      async () => {
        const items = (await admin('GET', `/api/v1/notification?teamId=${b.teamId}`)).body.items as
          { id: string }[] | undefined;
        return items?.[0]?.id;
      },
      { timeoutMs: 20_000, what: "a notice in team B's inbox" },
    );
    ids.deliveryId = await waitFor(
      async () => {
        const items = (await admin('GET', `/api/v1/webhook/${ids.webhookId}/delivery`)).body
          .items as { id: string }[] | undefined;
        return items?.[0]?.id;
      },
      { timeoutMs: 20_000, what: "a webhook delivery of team B's" },
    );
  }, 240_000);

  afterAll(async () => {
    await hooks.stop();
    await system.stop();
  });

  /** Team B's value for a path parameter, by name and by the resource the path is about. */
  function foreignValue(path: string, param: string): string | undefined {
    switch (param) {
      case 'teamId':
        return b.teamId;
      case 'memberId':
        return b.memberId;
      case 'selectionId':
        return ids.selectionId;
      case 'deliveryId':
        return ids.deliveryId;
      case 'type':
        return 'TWITTER';
      case 'key':
        // a custom provider's key (DELETE /api/v1/provider/{key}?teamId=)
        return 'acme';
      case 'id':
        if (path.startsWith('/api/v1/social-account/')) return ids.accountId;
        if (path.startsWith('/api/v1/webhook/')) return ids.webhookId;
        if (path.startsWith('/api/v1/api-key/')) return ids.apiKeyId;
        if (path.startsWith('/api/v1/notification/')) return ids.notificationId;
        return undefined;
      default:
        return undefined;
    }
  }

  /** A body the route's schema accepts, aimed at team B. */
  function sample(schema: Schema | undefined, name = ''): unknown {
    if (!schema) return undefined;
    if (name === 'teamId') return b.teamId;
    if (name === 'targetTeamId') return a.teamId;
    if (name === 'redirectUrl') return b.redirectUrl;
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return schema.enum[0];
    const alt = schema.anyOf ?? schema.oneOf ?? schema.allOf;
    if (alt) return sample(alt[0], name);
    switch (schema.type) {
      case 'object': {
        const out: Record<string, unknown> = {};
        const keys = schema.required ?? Object.keys(schema.properties ?? {});
        for (const key of keys) out[key] = sample(schema.properties?.[key], key);
        return out;
      }
      case 'array':
        return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items, name));
      case 'integer':
      case 'number':
        return Math.max(schema.minimum ?? 1, 1);
      case 'boolean':
        return false;
      case undefined:
        return 'x';
      case 'string':
        if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
        if (schema.format === 'email') return 'someone@example.com';
        if (schema.format === 'uri') return 'https://app.example.com/x';
        return 'x'.repeat(Math.max(schema.minLength ?? 1, 8));
      default:
        return 'x';
    }
  }

  async function documentedRoutes(): Promise<Route[]> {
    const doc = (await admin('GET', '/docs/json')).body as unknown as {
      paths: Record<string, Record<string, Operation>>;
    };
    const routes: Route[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        if (ops[method]) routes.push({ method: method.toUpperCase(), path, op: ops[method] });
      }
    }
    return routes;
  }

  it("should answer 404 to team A's key for team B's ids on every route that takes one", async () => {
    const routes = await documentedRoutes();
    expect(routes.length).toBeGreaterThan(30);
    const checked: string[] = [];
    const unmapped: string[] = [];
    const leaks: string[] = [];
    for (const route of routes) {
      const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const bodySchema = route.op.requestBody?.content?.['application/json']?.schema;
      const queryTeam = route.op.parameters?.some((p) => p.in === 'query' && p.name === 'teamId');
      const bodyTeam = Boolean(bodySchema?.properties?.teamId);
      if (pathParams.length === 0 && !queryTeam && !bodyTeam) continue;
      // only routes an API key opens: public browser and platform routes answer without one
      let concrete = route.path;
      const missing: string[] = [];
      for (const param of pathParams) {
        const value = foreignValue(route.path, param);
        if (!value) missing.push(param);
        concrete = concrete.replace(`{${param}}`, encodeURIComponent(value ?? randomUUID()));
      }
      if (queryTeam) concrete += `${concrete.includes('?') ? '&' : '?'}teamId=${b.teamId}`;
      const body = bodySchema ? sample(bodySchema) : undefined;
      const anonymous = await call(null, route.method, concrete, body);
      if (anonymous.status !== 401) continue;
      if (missing.length > 0) {
        unmapped.push(`${route.method} ${route.path} {${missing.join('}, {')}}`);
        continue;
      }
      const res = await call(keyA, route.method, concrete, body);
      checked.push(`${route.method} ${route.path}`);
      if (res.status !== 404)
        leaks.push(`${route.method} ${concrete} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    // routes whose query or body the OpenAPI document does not describe yet
    for (const [method, path, body] of [
      ['GET', `/api/v1/notification?teamId=${b.teamId}`, undefined],
      ['GET', `/api/v1/notification/stream?teamId=${b.teamId}`, undefined],
      ['GET', `/api/v1/webhook?teamId=${b.teamId}`, undefined],
      [
        'POST',
        '/api/v1/webhook',
        { teamId: b.teamId, url: hooks.url, events: ['account.connected'] },
      ],
    ] as const) {
      const res = await call(keyA, method, path, body);
      if (res.status !== 404) leaks.push(`${method} ${path} → ${res.status}`);
    }
    expect(unmapped).toEqual([]);
    expect(leaks).toEqual([]);
    // the routes the brief names are among them
    for (const must of [
      'GET /api/v1/social-account/{id}',
      'GET /api/v1/social-account/{id}/token',
      'POST /api/v1/social-account/{id}/copy',
      'DELETE /api/v1/team/{teamId}/member/{memberId}',
      'GET /api/v1/social-account',
      'POST /api/v1/social-account/connect',
    ]) {
      expect(checked).toContain(must);
    }
    // and nothing of B's changed: the account is still there and active
    const still = await admin('GET', `/api/v1/social-account/${ids.accountId}`);
    expect(still.body.status).toBe('ACTIVE');
    expect((await admin('GET', `/api/v1/team/${b.teamId}`)).status).toBe(200);
  });

  it('should enforce scopes: no tokens:read → 403 on the token route, read-only keys cannot write', async () => {
    await connectAccount(system.api, a, { type: 'TWITTER', user: 'sec-a-1' });
    const [own] = (await admin('GET', `/api/v1/social-account?teamId=${a.teamId}`)).body.items as {
      id: string;
    }[];
    const noTokens = await admin('POST', '/api/v1/api-key', {
      teamId: a.teamId,
      scopes: ['accounts:read', 'accounts:write'],
    });
    issuedKeys.push(String(noTokens.body.key));
    const token = await call(
      String(noTokens.body.key),
      'GET',
      `/api/v1/social-account/${own.id}/token`,
    );
    expect(token.status).toBe(403);
    expect(token.body.code).toBe('forbidden');
    expect((await call(keyA, 'GET', `/api/v1/social-account/${own.id}/token`)).status).toBe(200);

    const readOnly = await admin('POST', '/api/v1/api-key', {
      teamId: a.teamId,
      scopes: ['accounts:read'],
    });
    const ro = String(readOnly.body.key);
    issuedKeys.push(ro);
    expect((await call(ro, 'GET', `/api/v1/social-account/${own.id}`)).status).toBe(200);
    for (const [method, path, body] of [
      ['DELETE', `/api/v1/social-account/${own.id}`, undefined],
      ['POST', `/api/v1/social-account/${own.id}/main`, {}],
      ['PUT', `/api/v1/social-account/${own.id}/hold`, { reason: 'x', count: 1 }],
      ['POST', `/api/v1/social-account/${own.id}/copy`, { targetTeamId: b.teamId }],
      ['DELETE', `/api/v1/team/${a.teamId}/member/${a.memberId}`, undefined],
      [
        'POST',
        '/api/v1/webhook',
        { teamId: a.teamId, url: hooks.url, events: ['account.connected'] },
      ],
    ] as const) {
      const res = await call(ro, method, path, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
    }
    // a team key is no admin key
    expect((await call(keyA, 'POST', '/api/v1/team', { name: 'mine' })).status).toBe(403);
    // no key, or a made-up one
    expect((await call(null, 'GET', `/api/v1/social-account/${own.id}`)).status).toBe(401);
    expect(
      (await call('sbk_not_a_real_key_at_all_000000', 'GET', `/api/v1/social-account/${own.id}`))
        .status,
    ).toBe(401);
    expect((await admin('GET', `/api/v1/social-account/${own.id}`)).body.status).toBe('ACTIVE');
  });

  it('should never answer with a secret except where it is meant to be shown', async () => {
    const collector = new SecretCollector(system.databaseUrl, system.keyringFile);
    await collector.vaultTokens();
    const vaultSecrets = collector.list();
    expect(vaultSecrets.length).toBeGreaterThan(0);
    // every GET route of team A, as the admin, to widen what was seen
    for (const route of await documentedRoutes()) {
      if (route.method !== 'GET' || route.path.includes('{')) continue;
      if (!route.path.startsWith('/api/v1/')) continue;
      await admin('GET', `${route.path}?teamId=${a.teamId}`);
    }
    const problems: string[] = [];
    for (const s of seen) {
      const where = `${s.method} ${s.path} (${s.status})`;
      if (s.text.includes(system.adminKey)) problems.push(`${where}: the admin key`);
      if (s.text.includes(system.portalSigningSecret))
        problems.push(`${where}: the signing secret`);
      if (/refresh_?token/i.test(s.text)) problems.push(`${where}: a refresh token field`);
      const tokenRoute =
        /^\/api\/v1\/social-account\/[^/]+\/token$/.test(s.path) && s.status === 200;
      for (const secret of vaultSecrets) {
        if (!tokenRoute && s.text.includes(secret)) problems.push(`${where}: a platform token`);
      }
      const keyCreated = s.method === 'POST' && s.path === '/api/v1/api-key' && s.status === 201;
      for (const key of issuedKeys) {
        if (!keyCreated && s.text.includes(key)) problems.push(`${where}: an API key`);
      }
      const hookCreated = s.method === 'POST' && s.path === '/api/v1/webhook' && s.status === 201;
      if (!hookCreated && s.text.includes(webhookSecretB))
        problems.push(`${where}: a webhook secret`);
    }
    expect(problems).toEqual([]);
    // the token route hands out the access token and nothing that refreshes it
    const tokenAnswers = seen.filter(
      (s) => /\/token$/.test(s.path) && s.status === 200 && s.method === 'GET',
    );
    expect(tokenAnswers.length).toBeGreaterThan(0);
    for (const t of tokenAnswers) {
      expect(Object.keys(JSON.parse(t.text) as object).sort()).toEqual(
        ['accessToken', 'expiresAt', 'extra', 'scopes', 'tokenType'].sort(),
      );
    }
  });
});

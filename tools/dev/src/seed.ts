import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export const DEMO_TEAM = {
  name: 'Demo team',
  plan: 'enterprise',
  allowedRedirectOrigins: ['http://localhost:3000'],
} as const;

export const DEMO_MEMBER = {
  email: 'owner@demo.test',
  name: 'Demo Owner',
  role: 'admin',
  locale: 'en',
} as const;

const CreatedSchema = z.looseObject({ id: z.string().min(1) });

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface SeedOptions {
  /** Base URL of the gateway, e.g. http://127.0.0.1:3000. */
  gatewayUrl: string;
  adminApiKey: string;
  /** The team created on an earlier run, reused if the gateway still knows it. */
  previousTeamId: string | undefined;
  fetch?: Fetch;
}

export interface SeedResult {
  teamId: string;
  created: boolean;
}

/** Makes sure the demo team (and its owner) exists, through the gateway's public API. */
export async function seedDemoTeam(options: SeedOptions): Promise<SeedResult> {
  const call = api(options);
  if (options.previousTeamId !== undefined) {
    const existing = await call(
      'GET',
      `/api/v1/team/${encodeURIComponent(options.previousTeamId)}`,
    );
    if (existing.status === 200) return { teamId: options.previousTeamId, created: false };
  }
  const team = await call('POST', '/api/v1/team', DEMO_TEAM);
  const teamId = parseCreated(team, 'POST /api/v1/team');
  const member = await call(
    'POST',
    `/api/v1/team/${encodeURIComponent(teamId)}/member`,
    DEMO_MEMBER,
  );
  parseCreated(member, 'POST /api/v1/team/:teamId/member');
  return { teamId, created: true };
}

interface Answer {
  status: number;
  body: string;
}

function api(options: SeedOptions) {
  const doFetch = options.fetch ?? fetch;
  return async (method: 'GET' | 'POST', path: string, body?: object): Promise<Answer> => {
    const headers: Record<string, string> = { 'x-api-key': options.adminApiKey };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['idempotency-key'] = randomUUID();
    }
    const response = await doFetch(`${options.gatewayUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, body: await response.text() };
  };
}

function parseCreated(answer: Answer, what: string): string {
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(`${what} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    throw new Error(`${what} answered ${answer.status} without JSON: ${answer.body.slice(0, 300)}`);
  }
  const parsed = CreatedSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`${what} answered without an "id": ${answer.body.slice(0, 300)}`);
  return parsed.data.id;
}

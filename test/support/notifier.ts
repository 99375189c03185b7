import {
  EVENT_SCHEMAS,
  eventSubject,
  type EventData,
  type EventType,
} from '@switchboard/contracts';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { ApiClient } from './api-client';
import { publishRaw } from './publish';

/** A valid event envelope (validated against its contract), as the owning service would publish it. */
export function envelope<T extends EventType>(
  type: T,
  data: EventData<T>,
  id: string = randomUUID(),
): { id: string; json: string } {
  const event = EVENT_SCHEMAS[type].parse({
    specversion: '1.0',
    id,
    source: 'switchboard/test',
    type,
    time: new Date().toISOString(),
    subject: 'test',
    datacontenttype: 'application/json',
    data,
  });
  return { id, json: JSON.stringify(event) };
}

/** Publishes an event onto the system's stream; `msgId` differs per copy so JetStream keeps them all. */
export async function publishEvent<T extends EventType>(
  natsUrl: string,
  namespace: string,
  type: T,
  data: EventData<T>,
  opts: { id?: string; msgId?: string } = {},
): Promise<string> {
  const e = envelope(type, data, opts.id);
  await publishRaw(
    natsUrl,
    eventSubject(`${namespace}.events`, type),
    e.json,
    opts.msgId ?? randomUUID(),
  );
  return e.id;
}

export async function addMember(
  api: ApiClient,
  teamId: string,
  m: { email: string; name?: string; locale: string; role: 'admin' | 'member' },
): Promise<string> {
  const res = await api.post<{ id: string }>(`/api/v1/team/${teamId}/member`, m);
  if (res.status !== 201) throw new Error(`member: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  answered: number;
}

/** A product's webhook endpoint on loopback: records every request; answers from a script. */
export class HookReceiver {
  readonly received: ReceivedHook[] = [];
  private script: (number | { status: number; location: string })[] = [];
  private server?: Server;
  url = '';

  /** The next answers, in order (then 200 for ever); `{status, location}` answers a redirect. */
  answer(...statuses: (number | { status: number; location: string })[]): void {
    this.script.push(...statuses);
  }

  /** Forgets the answers not given yet. */
  resetAnswers(): void {
    this.script = [];
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const next = this.script.shift() ?? 200;
        const status = typeof next === 'number' ? next : next.status;
        const headers: Record<string, string> = { 'content-type': 'text/plain' };
        if (typeof next !== 'number') headers.location = next.location;
        this.received.push({
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
          answered: status,
        });
        res.writeHead(status, headers).end(status < 300 ? 'ok' : 'nope');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  /** Parsed bodies of successful deliveries of one type. */
  delivered(
    type?: string,
  ): { id: string; type: string; time: string; teamId: string; data: Record<string, unknown> }[] {
    return this.received
      .filter((r) => r.answered < 300)
      .map(
        (r) =>
          JSON.parse(r.body) as {
            id: string;
            type: string;
            time: string;
            teamId: string;
            data: Record<string, unknown>;
          },
      )
      .filter((b) => !type || b.type === type);
  }

  stop(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** Verifies `x-switchboard-signature` exactly as API.md tells a receiver to. */
export function signatureValid(
  secret: string,
  header: string | undefined,
  body: string,
  toleranceS = 300,
): boolean {
  const parts = Object.fromEntries(
    (header ?? '').split(',').map((p) => p.split('=') as [string, string]),
  );
  const t = Number(parts.t);
  if (!parts.v1 || !Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceS)
    return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Runs one query on the system's database. */
export async function sql<R extends Record<string, unknown>>(
  databaseUrl: string,
  text: string,
  params: unknown[] = [],
): Promise<R[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query<R>(text, params)).rows;
  } finally {
    await db.end();
  }
}

/** The claims inside a Reconnect link (the test reads them; only the gateway can trust them). */
export function linkClaims(url: string): {
  c: string;
  t: string;
  m: string | null;
  l: string;
  exp: number;
} {
  const token = new URL(url).searchParams.get('t') ?? '';
  return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as {
    c: string;
    t: string;
    m: string | null;
    l: string;
    exp: number;
  };
}

/** Announces a made-up connected account (no tokens anywhere), as oauth would after a callback. */
export async function publishConnected(
  natsUrl: string,
  namespace: string,
  a: { teamId: string; memberId: string | null; displayName: string },
): Promise<string> {
  const connectionId = randomUUID();
  await publishEvent(natsUrl, namespace, 'switchboard.account.connected.v1', {
    connectionId,
    teamId: a.teamId,
    type: 'TWITTER',
    externalId: `ext-${connectionId.slice(0, 8)}`,
    displayName: a.displayName,
    avatarUrl: null,
    memberId: a.memberId,
    endUserId: null,
    metadata: {},
    scopes: ['tweet.read'],
    credentialVersion: 1,
    expiresAt: null,
    refreshable: false,
    refreshExpiresAt: null,
    connectedAt: new Date().toISOString(),
  });
  return connectionId;
}

/** Waits until the notifier's projection knows the account (its connect event was handled). */
export async function notifierKnows(databaseUrl: string, connectionId: string): Promise<void> {
  for (let i = 0; i < 150; i += 1) {
    const rows = await sql(databaseUrl, `SELECT 1 FROM notifier.account WHERE connection_id = $1`, [
      connectionId,
    ]);
    if (rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the notifier never learnt about ${connectionId}`);
}

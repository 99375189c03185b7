import {
  ACCOUNT_CONNECTED_V1,
  AccountConnectedV1,
  eventSubject,
  type RpcResult,
} from '@switchboard/contracts';
import { CALLER_HEADER } from '@switchboard/platform';
import { connect, headers, type NatsConnection } from 'nats';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';

export type RpcAnswer<T> = { ok: true; data: T } | { ok: false; error: { code: string } };

/**
 * RPC over one NATS connection, framed the way @nestjs/microservices frames it, with the caller
 * header a service's `RpcClient` sends. For tests that make thousands of calls.
 */
export class RpcConnection {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly namespace: string,
    private readonly caller: string,
  ) {}

  static async open(
    natsUrl: string,
    namespace: string,
    caller = 'test',
    auth?: { user: string; pass: string },
  ): Promise<RpcConnection> {
    const nc = await connect({
      servers: natsUrl,
      ...(auth ? { ...auth, inboxPrefix: `_INBOX.${auth.user}` } : {}),
    });
    return new RpcConnection(nc, namespace, caller);
  }

  async call<T>(
    subject: string,
    data: unknown,
    opts: { timeoutMs?: number; traceparent?: string } = {},
  ): Promise<RpcAnswer<T>> {
    const timeoutMs = opts.timeoutMs ?? 15_000;
    const pattern = this.namespace ? `${this.namespace}.${subject}` : subject;
    const h = headers();
    h.set(CALLER_HEADER, this.caller);
    if (opts.traceparent) h.set('traceparent', opts.traceparent);
    const msg = await this.nc.request(
      pattern,
      Buffer.from(JSON.stringify({ pattern, data, id: randomUUID() })),
      { timeout: timeoutMs, headers: h },
    );
    const packet = JSON.parse(Buffer.from(msg.data).toString('utf8')) as { response: RpcResult };
    const result = packet.response;
    return result.ok
      ? { ok: true, data: result.data as T }
      : { ok: false, error: { code: result.error.code } };
  }

  /** The reply, or throws with the error code. */
  async ok<T>(subject: string, data: unknown): Promise<T> {
    const answer = await this.call<T>(subject, data);
    if (!answer.ok) throw new Error(`${subject} failed: ${answer.error.code}`);
    return answer.data;
  }

  async close(): Promise<void> {
    await this.nc.close();
  }
}

export interface SandboxTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  scopes: string[];
}

const X_SCOPES = ['tweet.read', 'users.read', 'offline.access'];

/** An X grant from the sandbox through its real authorize + token endpoints (PKCE, Basic auth). */
export async function sandboxTwitterGrant(
  sandboxUrl: string,
  user: string,
): Promise<SandboxTokens> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = 'http://127.0.0.1:9/callback';
  const authorize = new URL(`${sandboxUrl}/twitter/i/oauth2/authorize`);
  for (const [k, v] of Object.entries({
    response_type: 'code',
    client_id: 'sandbox-twitter-client',
    redirect_uri: redirectUri,
    scope: X_SCOPES.join(' '),
    state: randomBytes(8).toString('hex'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    sandbox_user: user,
    sandbox_action: 'approve',
  }))
    authorize.searchParams.set(k, v);
  const consent = await fetch(authorize, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location') ?? 'http://x/').searchParams.get('code');
  if (!code) throw new Error(`sandbox authorize answered ${consent.status}`);
  const res = await fetch(`${sandboxUrl}/twitter/2/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('sandbox-twitter-client:sandbox-twitter-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  const body = (await res.json()) as {
    access_token: string;
    refresh_token: string;
    expires_in: number;
    scope: string;
  };
  if (!res.ok) throw new Error(`sandbox token answered ${res.status}`);
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresIn: body.expires_in,
    scopes: body.scope.split(' '),
  };
}

/** `vault.credentials.put` request for tokens (X unless said otherwise). */
export function putRequest(
  connectionId: string,
  teamId: string,
  tokens: { accessToken: string; refreshToken: string | null; expiresIn: number | null },
  type = 'TWITTER',
): Record<string, unknown> {
  return {
    connectionId,
    teamId,
    type,
    externalId: `ext-${connectionId.slice(0, 8)}`,
    credential: {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      tokenType: 'bearer',
      expiresAt:
        tokens.expiresIn === null
          ? null
          : new Date(Date.now() + tokens.expiresIn * 1000).toISOString(),
      refreshExpiresAt: null,
      scopes: X_SCOPES,
      extra: {},
    },
  };
}

/** `AccountConnected` for a connection stored straight into the vault (so the scheduler plans it). */
export function accountConnected(
  namespace: string,
  connectionId: string,
  teamId: string,
  credentialVersion: number,
  expiresAt: string | null,
): { id: string; subject: string; json: string } {
  const id = randomUUID();
  const event = AccountConnectedV1.parse({
    specversion: '1.0',
    id,
    source: 'switchboard/test',
    type: ACCOUNT_CONNECTED_V1,
    time: new Date().toISOString(),
    subject: connectionId,
    datacontenttype: 'application/json',
    data: {
      connectionId,
      teamId,
      type: 'TWITTER',
      externalId: `ext-${connectionId.slice(0, 8)}`,
      displayName: 'Race',
      avatarUrl: null,
      memberId: null,
      endUserId: null,
      metadata: {},
      scopes: X_SCOPES,
      credentialVersion,
      expiresAt,
      refreshable: true,
      refreshExpiresAt: null,
      connectedAt: new Date().toISOString(),
    },
  });
  return {
    id,
    subject: eventSubject(`${namespace}.events`, ACCOUNT_CONNECTED_V1),
    json: JSON.stringify(event),
  };
}

/** Every row of every table in the database as text; bytea columns as their raw bytes. */
export async function dumpDatabase(databaseUrl: string): Promise<string[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const tables = await db.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const lines: string[] = [];
    for (const t of tables.rows) {
      const rows = await db.query<Record<string, unknown>>(
        `SELECT * FROM "${t.table_schema}"."${t.table_name}"`,
      );
      for (const row of rows.rows) {
        const rendered = Object.entries(row).map(([column, value]) =>
          Buffer.isBuffer(value)
            ? `${column}=${value.toString('latin1')}`
            : `${column}=${JSON.stringify(value)}`,
        );
        lines.push(`${t.table_schema}.${t.table_name}: ${rendered.join(' ')}`);
      }
    }
    return lines;
  } finally {
    await db.end();
  }
}

/** One SQL statement against the test database. */
export async function sql<R extends Record<string, unknown>>(
  databaseUrl: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query<R>(text, values)).rows;
  } finally {
    await db.end();
  }
}

/** A metric's value from a service's /metrics (summed over the label sets that match). */
export async function metricValue(port: number, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .filter((l) => l.includes(labels))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

import {
  ACCOUNT_CONNECTED_V1,
  AccountConnectedV1,
  eventSubject,
  VaultCredentialsPut,
  type RpcReply,
} from '@switchboard/contracts';
import { connect, type NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** A grant minted by the sandbox (`POST /_sandbox/grants`): what a consenting user produced. */
export interface MintedGrant {
  grantId: string;
  user: string;
  accessToken: string;
  refreshToken: string | null;
  expiresIn: number;
  refreshExpiresIn: number | null;
  scopes: string[];
}

export interface SeededConnection {
  connectionId: string;
  teamId: string;
  grant: MintedGrant;
  credentialVersion: number;
  expiresAt: string | null;
}

const MINT_CHUNK = 20_000;

/** Mints `count` grants at the sandbox, in chunks, as `empty-` users (no entities to build). */
export async function mintGrants(
  sandboxUrl: string,
  type: string,
  count: number,
  userPrefix: string,
  scopes?: string[],
): Promise<MintedGrant[]> {
  const all: MintedGrant[] = [];
  for (let start = 0; start < count; start += MINT_CHUNK) {
    const res = await fetch(`${sandboxUrl}/_sandbox/grants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type,
        count: Math.min(MINT_CHUNK, count - start),
        userPrefix: `${userPrefix}${start ? `-${start / MINT_CHUNK}` : ''}`,
        ...(scopes ? { scopes } : {}),
      }),
    });
    if (res.status !== 201) throw new Error(`mint: ${res.status} ${await res.text()}`);
    all.push(...((await res.json()) as { items: MintedGrant[] }).items);
  }
  return all;
}

/**
 * Connects minted grants the way the oauth service would, without 2,000 browser flows: the
 * tokens go into the vault over `vault.credentials.put`, then `AccountConnected` goes onto the
 * event stream. Talks NATS like `@nestjs/microservices` does, over one connection.
 */
export class ConnectionSeeder {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly namespace: string,
  ) {}

  static async open(natsUrl: string, namespace: string): Promise<ConnectionSeeder> {
    return new ConnectionSeeder(await connect({ servers: natsUrl }), namespace);
  }

  async close(): Promise<void> {
    await this.nc.drain();
  }

  /** Stores and announces every grant, `concurrency` at a time (at most `perSecond`). */
  async seed(
    teamId: string,
    type: string,
    grants: MintedGrant[],
    options: { concurrency?: number; refreshable?: boolean; perSecond?: number } = {},
  ): Promise<SeededConnection[]> {
    const seeded: SeededConnection[] = new Array<SeededConnection>(grants.length);
    const started = Date.now();
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < grants.length) {
        const i = next++;
        // paced: connection i is made no sooner than i / perSecond after the start
        const wait = options.perSecond ? started + (i * 1000) / options.perSecond - Date.now() : 0;
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        seeded[i] = await this.seedOne(teamId, type, grants[i], options.refreshable);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 32 }, lane));
    return seeded;
  }

  /** Stores the grant in the vault and announces the connection. */
  async seedOne(
    teamId: string,
    type: string,
    grant: MintedGrant,
    refreshable?: boolean,
  ): Promise<SeededConnection> {
    const seeded = await this.store(teamId, type, grant);
    await this.announce({
      connectionId: seeded.connectionId,
      teamId,
      type,
      externalId: `ext-${grant.grantId}`,
      displayName: grant.user,
      credentialVersion: seeded.credentialVersion,
      expiresAt: seeded.expiresAt,
      refreshable: refreshable ?? seeded.refreshable,
      refreshExpiresAt: seeded.refreshExpiresAt,
      scopes: grant.scopes,
    });
    return seeded;
  }

  /** `vault.credentials.put` of a grant, for a new connection or as the next version of one. */
  async store(
    teamId: string,
    type: string,
    grant: MintedGrant,
    connectionId: string = randomUUID(),
  ): Promise<SeededConnection & { refreshable: boolean; refreshExpiresAt: string | null }> {
    const now = Date.now();
    const stored = await this.rpc<RpcReply<typeof VaultCredentialsPut>>(
      VaultCredentialsPut.subject,
      {
        connectionId,
        teamId,
        type,
        externalId: `ext-${grant.grantId}`,
        credential: {
          accessToken: grant.accessToken,
          refreshToken: grant.refreshToken,
          tokenType: 'bearer',
          expiresAt: new Date(now + grant.expiresIn * 1000).toISOString(),
          refreshExpiresAt:
            grant.refreshExpiresIn === null
              ? null
              : new Date(now + grant.refreshExpiresIn * 1000).toISOString(),
          scopes: grant.scopes,
          extra: {},
        },
      },
    );
    return {
      connectionId,
      teamId,
      grant,
      credentialVersion: stored.credentialVersion,
      expiresAt: stored.expiresAt,
      refreshable: stored.refreshable,
      refreshExpiresAt: stored.refreshExpiresAt,
    };
  }

  /** Publishes `AccountConnected` as the oauth service would after storing the grant. */
  async announce(d: {
    connectionId: string;
    teamId: string;
    type: string;
    externalId: string;
    displayName: string;
    credentialVersion: number;
    expiresAt: string | null;
    refreshable: boolean;
    refreshExpiresAt: string | null;
    scopes: string[];
  }): Promise<void> {
    const id = randomUUID();
    const event = AccountConnectedV1.parse({
      specversion: '1.0',
      id,
      source: 'switchboard/test-seeder',
      type: ACCOUNT_CONNECTED_V1,
      time: new Date().toISOString(),
      subject: d.connectionId,
      datacontenttype: 'application/json',
      data: {
        ...d,
        avatarUrl: null,
        memberId: null,
        endUserId: null,
        metadata: {},
        connectedAt: new Date().toISOString(),
      },
    });
    await this.publish(ACCOUNT_CONNECTED_V1, event, id);
  }

  /** Publishes any event envelope onto the system's stream, deduplicated by its id. */
  async publish(
    type: Parameters<typeof eventSubject>[1],
    event: unknown,
    id: string,
  ): Promise<void> {
    await this.nc
      .jetstream()
      .publish(eventSubject(`${this.namespace}.events`, type), Buffer.from(JSON.stringify(event)), {
        msgID: id,
      });
  }

  /** One RPC, retried a few times: a loaded machine can make the vault time out now and then. */
  private async rpc<T>(subject: string, data: unknown, attempts = 5): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.rpcOnce<T>(subject, data);
      } catch (error) {
        if (attempt >= attempts) throw error;
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }

  private async rpcOnce<T>(subject: string, data: unknown): Promise<T> {
    const pattern = `${this.namespace}.${subject}`;
    const msg = await this.nc.request(
      pattern,
      Buffer.from(JSON.stringify({ pattern, data, id: randomUUID() })),
      { timeout: 30_000 },
    );
    const packet = JSON.parse(Buffer.from(msg.data).toString('utf8')) as {
      response: { ok: boolean; data?: T; error?: { code: string; message: string } };
    };
    if (!packet.response.ok || packet.response.data === undefined) {
      throw new Error(`${subject}: ${JSON.stringify(packet.response.error)}`);
    }
    return packet.response.data;
  }
}

/** Runs `sql` against the system's database (tests read what the services wrote). */
export async function query<R>(
  databaseUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows as R[];
  } finally {
    await db.end();
  }
}

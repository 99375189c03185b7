import { Client } from 'pg';

export const SCHEMAS = [
  'gateway',
  'oauth',
  'token_vault',
  'refresh_scheduler',
  'notifier',
] as const;

/** The event types each consumer acts on (and so records in its inbox). */
export const HANDLED: Record<string, string[]> = {
  gateway: [
    'connected',
    'reconnected',
    'refreshed',
    'refresh_failed',
    'expiring',
    'disconnected',
    'revoked',
  ],
  'refresh-scheduler': [
    'connected',
    'reconnected',
    'refreshed',
    'refresh_failed',
    'disconnected',
    'revoked',
  ],
  notifier: [
    'connected',
    'reconnected',
    'disconnected',
    'revoked',
    'refreshed',
    'expiring',
    'refresh_failed',
    'connect.failed',
  ],
};
const CONSUMER_SCHEMA: Record<string, string> = {
  gateway: 'gateway',
  'refresh-scheduler': 'refresh_scheduler',
  notifier: 'notifier',
};

export interface BusAudit {
  unpublished: number;
  published: { id: string; type: string }[];
  /** Per consumer: handled events missing from its inbox. */
  missing: Record<string, string[]>;
  /** Per consumer: inbox rows for events no outbox published (should be none). */
  unexpected: Record<string, string[]>;
  deadLetters: Record<string, number>;
}

/** Reads every service's outbox, inbox and dead letters: did each event reach each consumer once? */
export async function auditBus(databaseUrl: string): Promise<BusAudit> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    let unpublished = 0;
    const published: { id: string; type: string }[] = [];
    for (const s of SCHEMAS) {
      const rows = await db.query<{ id: string; type: string; published_at: Date | null }>(
        `SELECT id, type, published_at FROM ${s}.outbox`,
      );
      for (const r of rows.rows) {
        if (r.published_at) published.push({ id: r.id, type: r.type });
        else unpublished += 1;
      }
    }
    const missing: Record<string, string[]> = {};
    const unexpected: Record<string, string[]> = {};
    const deadLetters: Record<string, number> = {};
    for (const [consumer, kinds] of Object.entries(HANDLED)) {
      const schema = CONSUMER_SCHEMA[consumer];
      const inbox = await db.query<{ event_id: string }>(
        `SELECT event_id FROM ${schema}.inbox WHERE consumer = $1`,
        [consumer],
      );
      const seen = new Set(inbox.rows.map((r) => r.event_id));
      const expected = published.filter((e) =>
        kinds.some((k) => e.type.includes(`.${k}.v`) || e.type === `switchboard.${k}.v1`),
      );
      missing[consumer] = expected.filter((e) => !seen.has(e.id)).map((e) => `${e.type} ${e.id}`);
      const ids = new Set(published.map((e) => e.id));
      unexpected[consumer] = [...seen].filter((id) => !ids.has(id));
      const dl = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.dead_letter`);
      deadLetters[consumer] = Number(dl.rows[0]?.n ?? 0);
    }
    return { unpublished, published, missing, unexpected, deadLetters };
  } finally {
    await db.end();
  }
}

export async function unpublishedEvents(databaseUrl: string, schema: string): Promise<string[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const rows = await db.query<{ type: string }>(
      `SELECT type FROM ${schema}.outbox WHERE published_at IS NULL`,
    );
    return rows.rows.map((r) => r.type);
  } finally {
    await db.end();
  }
}

import type { OutboxRow } from '@switchboard/bus';
import { TickBatcher } from '@switchboard/platform';
import type { DataSource } from 'typeorm';
import type { Sealed } from '../crypto/envelope';
import { pgPoolOf, type PgPool } from '../pg-pool';

/** A refreshed credential, sealed, ready for its compare-and-swap write. */
export interface RefreshWrite {
  connectionId: string;
  /** The version the refresh started from (the compare in compare-and-swap). */
  fromVersion: number;
  version: number;
  sealed: Sealed;
  tokenType: string;
  scopes: string[];
  expiresAt: Date | null;
  refreshExpiresAt: Date | null;
  refreshable: boolean;
  refreshedAt: Date;
  /** The fencing token of the lock the refresh held. */
  fence: string;
  /** Its TokenRefreshed event. */
  event: OutboxRow;
}

export interface RefreshWriteResult {
  /** The key it was sealed with was still the active one (else nothing was written). */
  keyActive: boolean;
  written: boolean;
}

/**
 * The refreshed credentials and their TokenRefreshed events of one event-loop turn in one
 * statement (one round trip, one commit). Each row is a compare-and-swap on version, fencing
 * token and status; rows are written only while the key they were sealed with is the active one —
 * held with a share lock, as `activeForWrite` does, so a rotation waits for the statement.
 */
const WRITE_SQL = `
  WITH k AS (
    SELECT kek_id FROM token_vault.key_ring WHERE kek_id = $1 AND state = 'active' FOR SHARE),
  v AS (
    SELECT * FROM unnest($2::uuid[], $3::int[], $4::int[], $5::bytea[], $6::bytea[], $7::bytea[],
      $8::bytea[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::boolean[],
      $14::timestamptz[], $15::bigint[], $16::uuid[], $17::text[], $18::text[], $19::text[],
      $20::text[])
    AS v(cid, from_version, version, wrapped_key, iv, ciphertext, tag, token_type, scopes,
      expires_at, refresh_expires_at, refreshable, refreshed_at, fence, event_id, event_type,
      event_subject, payload, headers)),
  u AS (
    UPDATE token_vault.credential c SET version = v.version, kek_id = $1,
      wrapped_key = v.wrapped_key, iv = v.iv, ciphertext = v.ciphertext, tag = v.tag,
      token_type = v.token_type, scopes = ARRAY(SELECT jsonb_array_elements_text(v.scopes::jsonb)),
      expires_at = v.expires_at, refresh_expires_at = v.refresh_expires_at,
      refreshable = v.refreshable, refreshed_at = v.refreshed_at, updated_at = v.refreshed_at,
      lock_until = NULL
    FROM v
    WHERE c.connection_id = v.cid AND c.version = v.from_version AND c.lock_token = v.fence
      AND c.status = 'active' AND EXISTS (SELECT 1 FROM k)
    RETURNING c.connection_id),
  o AS (
    INSERT INTO token_vault.outbox (id, type, subject, payload, headers)
    SELECT v.event_id, v.event_type, v.event_subject, v.payload::jsonb, v.headers::jsonb
    FROM v JOIN u ON u.connection_id = v.cid)
  SELECT (SELECT count(*) FROM k)::int AS key_active,
    ARRAY(SELECT connection_id::text FROM u) AS written`;

/** Writes refreshed credentials, gathering the writes of one event-loop turn into one statement. */
export class RefreshWriter {
  private readonly pool: PgPool;
  private readonly batcher: TickBatcher<RefreshWrite, RefreshWriteResult>;

  constructor(dataSource: DataSource) {
    this.pool = pgPoolOf(dataSource);
    this.batcher = new TickBatcher((writes) => this.writeMany(writes), {
      name: 'vault_refresh_write',
    });
  }

  write(w: RefreshWrite): Promise<RefreshWriteResult> {
    return this.batcher.run(w);
  }

  private async writeMany(writes: readonly RefreshWrite[]): Promise<RefreshWriteResult[]> {
    const results = new Array<RefreshWriteResult>(writes.length);
    // one statement per key (a rotation between two seals splits a batch)
    const byKey = new Map<string, number[]>();
    writes.forEach((w, i) => byKey.set(w.sealed.kekId, [...(byKey.get(w.sealed.kekId) ?? []), i]));
    for (const [kekId, indexes] of byKey) {
      const group = indexes
        .map((i) => writes[i])
        .sort((a, b) => (a.connectionId < b.connectionId ? -1 : 1));
      const { rows } = await this.pool.query<{ key_active: number; written: string[] }>({
        name: 'vault_refresh_write_rows',
        text: WRITE_SQL,
        values: [kekId, ...columns(group)],
      });
      const written = new Set(rows[0].written);
      for (const i of indexes) {
        results[i] = {
          keyActive: rows[0].key_active === 1,
          written: written.has(writes[i].connectionId),
        };
      }
    }
    return results;
  }
}

function columns(ws: RefreshWrite[]): unknown[] {
  return [
    ws.map((w) => w.connectionId),
    ws.map((w) => w.fromVersion),
    ws.map((w) => w.version),
    ws.map((w) => w.sealed.wrappedKey),
    ws.map((w) => w.sealed.iv),
    ws.map((w) => w.sealed.ciphertext),
    ws.map((w) => w.sealed.tag),
    ws.map((w) => w.tokenType),
    ws.map((w) => JSON.stringify(w.scopes)),
    ws.map((w) => w.expiresAt),
    ws.map((w) => w.refreshExpiresAt),
    ws.map((w) => w.refreshable),
    ws.map((w) => w.refreshedAt),
    ws.map((w) => w.fence),
    ws.map((w) => w.event.id),
    ws.map((w) => w.event.type),
    ws.map((w) => w.event.subject),
    ws.map((w) => w.event.payload),
    ws.map((w) => w.event.headers),
  ];
}

import { Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  type TimelineEntry,
  type TimelineKind,
} from '@switchboard/contracts';
import { DataSource, type EntityManager } from 'typeorm';

/** One line of a connection's timeline. Never a token: only outcomes, codes and statuses. */
export interface TimelineRecord {
  connectionId: string;
  teamId: string;
  type: string;
  at: Date;
  kind: TimelineKind;
  outcome?: string | null;
  providerStatus?: number | null;
  providerError?: string | null;
  detail?: string | null;
  traceId?: string | null;
  durationMs?: number | null;
  trigger?: string | null;
  credentialVersion?: number | null;
  replica?: string | null;
}

export const TIMELINE_COLUMNS = `connection_id, team_id, type, at, kind, outcome, provider_status,
  provider_error, detail, trace_id, duration_ms, trigger, credential_version, replica`;

/** The parameters of one timeline row, in `TIMELINE_COLUMNS` order (14 of them). */
export function timelineParams(r: TimelineRecord): unknown[] {
  return [
    r.connectionId,
    r.teamId,
    r.type,
    r.at,
    r.kind,
    r.outcome ?? null,
    r.providerStatus ?? null,
    r.providerError?.slice(0, 200) ?? null,
    r.detail?.slice(0, 1000) ?? null,
    r.traceId ?? null,
    r.durationMs ?? null,
    r.trigger ?? null,
    r.credentialVersion ?? null,
    r.replica ?? null,
  ];
}

/** `unnest(…)` of 14 array parameters from `first` on, one per timeline column, typed. */
export function timelineUnnest(first: number): string {
  const types = ['uuid', 'uuid', 'text', 'timestamptz', 'text', 'text', 'int', 'text', 'text']
    .concat(['text', 'int', 'text', 'int', 'text'])
    .map((t, i) => `$${first + i}::${t}[]`);
  return `unnest(${types.join(', ')})`;
}

/** The parameters of many timeline rows for `timelineUnnest`: one array per column. */
export function timelineColumnParams(records: TimelineRecord[]): unknown[][] {
  const rows = records.map(timelineParams);
  return Array.from({ length: 14 }, (_, c) => rows.map((r) => r[c]));
}

/** `$n, $n+1, …` for the 14 timeline columns, starting at `first`. */
export function timelinePlaceholders(first: number): string {
  return Array.from({ length: 14 }, (_, i) => `$${first + i}`).join(', ');
}

interface TimelineRow {
  id: string;
  at: Date;
  kind: TimelineKind;
  outcome: string | null;
  provider_status: number | null;
  provider_error: string | null;
  detail: string | null;
  trace_id: string | null;
  duration_ms: number | null;
  credential_version: number | null;
}

/** The connection timeline: what the scheduler did and heard, for on-call and the API. */
@Injectable()
export class TimelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(entry: TimelineRecord, tx: EntityManager = this.dataSource.manager): Promise<void> {
    await tx.query(
      `INSERT INTO refresh_scheduler.timeline (${TIMELINE_COLUMNS}) VALUES (${timelinePlaceholders(1)})`,
      timelineParams(entry),
    );
  }

  async list(
    connectionId: string,
    teamId: string,
    limit: number,
    cursor: string | null,
  ): Promise<{ items: TimelineEntry[]; nextCursor: string | null }> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows: TimelineRow[] = await this.dataSource.query(
      `SELECT id, at, kind, outcome, provider_status, provider_error, detail, trace_id, duration_ms,
         credential_version
       FROM refresh_scheduler.timeline
       WHERE connection_id = $1 AND team_id = $2
         AND ($3::timestamptz IS NULL OR (at, id) > ($3::timestamptz, $4::bigint))
       ORDER BY at, id LIMIT $5`,
      [connectionId, teamId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toEntry),
      nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.id) : null,
    };
  }

  /** Deletes rows older than the retention, a batch at a time; returns how many went. */
  async purgeOlderThan(days: number, batch = 10_000): Promise<number> {
    let total = 0;
    for (;;) {
      const [, count]: [unknown[], number] = await this.dataSource.query(
        `DELETE FROM refresh_scheduler.timeline WHERE id IN (
           SELECT id FROM refresh_scheduler.timeline
           WHERE at < now() - make_interval(days => $1) LIMIT $2)`,
        [days, batch],
      );
      total += count;
      if (count < batch) return total;
    }
  }
}

function toEntry(r: TimelineRow): TimelineEntry {
  return {
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    kind: r.kind,
    outcome: r.outcome,
    providerStatus: r.provider_status,
    providerError: r.provider_error,
    detail: r.detail,
    traceId: r.trace_id,
    durationMs: r.duration_ms,
    credentialVersion: r.credential_version,
  };
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([new Date(at).toISOString(), String(id)])).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw new Error('bad time');
    if (typeof id !== 'string' || !/^\d{1,19}$/.test(id)) throw new Error('bad id');
    return { at, id };
  } catch {
    throw new CodedError(ErrorCodes.validation, 'cursor: not a cursor this API returned');
  }
}

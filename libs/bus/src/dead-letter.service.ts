import { Inject, Injectable } from '@nestjs/common';
import { CodedError, ErrorCodes, type DeadLetter } from '@switchboard/contracts';
import { headers as natsHeaders } from 'nats';
import { DataSource } from 'typeorm';
import { BUS_OPTIONS, type BusOptions } from './bus.options';
import { JetStreamService } from './jetstream.service';

interface DeadLetterRow {
  id: string;
  consumer: string;
  subject: string;
  event_id: string | null;
  event_type: string | null;
  reason: string;
  error: string | null;
  deliveries: number;
  created_at: Date;
  replayed_at: Date | null;
  payload: string;
  headers: Record<string, string>;
}

/** Operators list dead letters and replay them once the cause is fixed. */
@Injectable()
export class DeadLetterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jetstream: JetStreamService,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
  ) {}

  async list(
    limit: number,
    cursor: string | null,
    includeReplayed: boolean,
  ): Promise<{ items: DeadLetter[]; nextCursor: string | null }> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows: DeadLetterRow[] = await this.dataSource.query(
      `SELECT * FROM "${this.options.schema}".dead_letter
       WHERE ($1::timestamptz IS NULL OR (created_at, id) > ($1::timestamptz, $2::uuid))
         AND ($3 OR replayed_at IS NULL)
       ORDER BY created_at, id LIMIT $4`,
      [after?.at ?? null, after?.id ?? null, includeReplayed, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toDeadLetter),
      nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  /** Publishes the original message again; every consumer's inbox keeps it from acting twice. */
  async replay(id: string): Promise<boolean> {
    const rows: DeadLetterRow[] = await this.dataSource.query(
      `SELECT * FROM "${this.options.schema}".dead_letter WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new CodedError(ErrorCodes.notFound, 'no such dead letter');
    const h = natsHeaders();
    for (const [k, v] of Object.entries(row.headers ?? {})) h.set(k, String(v));
    await this.jetstream.client().publish(row.subject, Buffer.from(row.payload), {
      msgID: `replay-${row.id}-${Date.now()}`,
      headers: h,
    });
    await this.dataSource.query(
      `UPDATE "${this.options.schema}".dead_letter SET replayed_at = now() WHERE id = $1`,
      [id],
    );
    return true;
  }
}

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    id: row.id,
    consumer: row.consumer,
    subject: row.subject,
    eventId: row.event_id,
    eventType: row.event_type,
    reason: row.reason,
    error: row.error,
    deliveries: row.deliveries,
    createdAt: new Date(row.created_at).toISOString(),
    replayedAt: row.replayed_at ? new Date(row.replayed_at).toISOString() : null,
  };
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${new Date(at).toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new CodedError(ErrorCodes.validation, 'invalid cursor');
  }
  return { at, id };
}

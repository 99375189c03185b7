import { Inject, Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  EVENT_SCHEMAS,
  eventSubject,
  type EventData,
  type EventOf,
  type EventType,
} from '@switchboard/contracts';
import { currentTraceHeaders, describeIssues, eventsSubjectPrefix } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { BUS_OPTIONS, type BusOptions } from './bus.options';

/**
 * Writes events into the service's outbox inside the caller's transaction, so an event exists
 * exactly when the state change that caused it was committed. The relay publishes it later.
 */
@Injectable()
export class OutboxService {
  constructor(@Inject(BUS_OPTIONS) private readonly options: BusOptions) {}

  async enqueue<T extends EventType>(
    tx: EntityManager,
    type: T,
    data: EventData<T>,
    subject: string,
  ): Promise<EventOf<T>> {
    const row = this.prepare(type, data, subject);
    await this.insert(tx, row);
    return row.event;
  }

  /** Inserts a prepared row in the caller's transaction. */
  async insert(tx: EntityManager, row: OutboxRow): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.options.schema}".outbox (id, type, subject, payload, headers)
       VALUES ($1, $2, $3, $4, $5)`,
      outboxValues(row),
    );
  }

  /**
   * The outbox row of an event, validated, for a caller that writes it inside a statement of its
   * own (`INSERT INTO <schema>.outbox (id, type, subject, payload, headers)` with `outboxValues`).
   */
  prepare<T extends EventType>(type: T, data: EventData<T>, subject: string): OutboxRow<T> {
    const envelope = {
      specversion: '1.0' as const,
      id: randomUUID(),
      source: this.options.source,
      type,
      time: new Date().toISOString(),
      subject,
      datacontenttype: 'application/json' as const,
      data,
    };
    const parsed = EVENT_SCHEMAS[type].safeParse(envelope);
    if (!parsed.success) {
      throw new CodedError(
        ErrorCodes.validation,
        `refused to publish ${type}: ${describeIssues(parsed.error)}`,
      );
    }
    return {
      id: envelope.id,
      type,
      subject: eventSubject(eventsSubjectPrefix(), type),
      payload: JSON.stringify(parsed.data),
      headers: JSON.stringify(currentTraceHeaders()),
      event: parsed.data as EventOf<T>,
    };
  }
}

/** An event as an outbox row: the columns, and the validated event. */
export interface OutboxRow<T extends EventType = EventType> {
  id: string;
  type: T;
  /** The NATS subject it is published on. */
  subject: string;
  payload: string;
  headers: string;
  event: EventOf<T>;
}

/** The row's values in column order: id, type, subject, payload, headers. */
export function outboxValues(row: OutboxRow): [string, string, string, string, string] {
  return [row.id, row.type, row.subject, row.payload, row.headers];
}

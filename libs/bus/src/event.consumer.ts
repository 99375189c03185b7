import { Inject, Injectable, Logger, BeforeApplicationShutdown } from '@nestjs/common';
import {
  AnyEnvelopeSchema,
  EVENT_SCHEMAS,
  eventSubject,
  isEventType,
  type EventOf,
  type EventType,
} from '@switchboard/contracts';
import {
  contextFromHeaders,
  describeIssues,
  eventsSubjectPrefix,
  inSpan,
  SpanKind,
  TickBatcher,
  type TraceCarrier,
} from '@switchboard/platform';
import { context } from '@opentelemetry/api';
import type { ConsumerMessages, JsMsg } from 'nats';
import { DataSource, type EntityManager } from 'typeorm';
import { consumedMessages, deadLettered, handleDuration } from './bus.metrics';
import { BUS_OPTIONS, type BusOptions } from './bus.options';
import { JetStreamService } from './jetstream.service';

export type EventHandler<T extends EventType> = (
  event: EventOf<T>,
  tx: EntityManager,
) => Promise<void>;
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

/**
 * A query over some events of one type that selects, as column `id` (uuid), the ids of those whose
 * handler would change nothing — now and for good (e.g. the service's row already holds that
 * version or a newer one, and versions never go back). `text` uses `$1…$n` for `values`.
 */
export interface AppliedCheck {
  text: string;
  values: unknown[];
}
export type AppliedChecks = { [T in EventType]?: (events: EventOf<T>[]) => AppliedCheck };

export interface ConsumeOptions {
  handlers: EventHandlers;
  /**
   * Per type, how to tell that an event's effect is already there (another replica wrote it):
   * the events that arrived together are checked in one statement, which also writes the inbox
   * rows of those found; they get no transaction around the handler. The others are handled as
   * usual, in order.
   */
  alreadyApplied?: AppliedChecks;
  /** Deliveries before a failing message is dead-lettered. */
  maxDeliver?: number;
  /** Delay before each redelivery after a handler error (ms); the last value repeats. */
  retryDelaysMs?: number[];
  /** How long an unacknowledged delivery (a crashed process) waits before redelivery (ms). */
  ackWaitMs?: number;
  /** Messages fetched per pull. */
  batch?: number;
}

/** Notes kept by `noteHandled` (those of events another replica received are never looked up). */
const HANDLED_HERE_MAX = 100_000;

type Verdict =
  | { kind: 'valid'; event: EventOf<EventType> }
  | { kind: 'ignored'; type: string }
  | {
      kind: 'invalid';
      reason: 'bad-json' | 'bad-envelope' | 'unknown-type' | 'bad-schema';
      detail: string;
      eventId: string | null;
      type: string | null;
    };

/**
 * The service's durable pull consumer on the event stream. Each message is validated against its
 * contract, then handled in one transaction together with its inbox row (so the effect happens
 * once however often the message arrives), then acknowledged. Bad messages are dead-lettered at
 * once; failing ones are retried with growing delays and dead-lettered after `maxDeliver`.
 */
@Injectable()
export class EventConsumer implements BeforeApplicationShutdown {
  private readonly logger = new Logger('event-consumer');
  private running = false;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private options?: Required<ConsumeOptions>;
  /** Events whose effect this process writes itself (`noteHandled`): whether it did. */
  private readonly handledHere = new Map<string, Promise<boolean>>();
  private readonly noted: TickBatcher<{ id: string; type: string }, void>;
  private readonly notesInFlight = new Set<Promise<void>>();
  /** Acknowledgements of this event-loop turn, sent together (see `ack`). */
  private acks: JsMsg[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly jetstream: JetStreamService,
    @Inject(BUS_OPTIONS) private readonly busOptions: BusOptions,
  ) {
    this.noted = new TickBatcher((events) => this.inboxMany(events), { name: 'bus_inbox_noted' });
  }

  /** The inbox row of an event; answers the row only when it is new. */
  private get inboxInsert(): string {
    return `INSERT INTO "${this.busOptions.schema}".inbox (consumer, event_id, event_type)
      VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`;
  }

  get durable(): string {
    return this.busOptions.service;
  }

  async start(options: ConsumeOptions): Promise<void> {
    this.options = {
      maxDeliver: 6,
      retryDelaysMs: [1000, 3000, 10_000, 30_000, 60_000],
      ackWaitMs: 30_000,
      batch: 50,
      alreadyApplied: {},
      ...options,
    };
    await this.jetstream.ensureStream();
    await this.ensureConsumer();
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.messages?.stop();
    await this.loop;
  }

  /**
   * Says that this process writes an event's effect itself (e.g. the scheduler settling a refresh
   * whose TokenRefreshed the vault announced); `written` tells whether it did. When the event
   * arrives here it waits for that answer and, if the effect was written, gets only its inbox row
   * (with the others of that moment, in one statement) instead of a transaction around the
   * handler. Another replica, or this one after a restart, runs the handler as usual: it must be
   * idempotent for such events, as the scheduler's version-guarded upsert is.
   */
  noteHandled(eventId: string, written: Promise<boolean>): void {
    if (this.handledHere.size >= HANDLED_HERE_MAX) {
      // the oldest notes are for events that went to another replica: let them go
      const oldest = this.handledHere.keys().next();
      if (!oldest.done) this.handledHere.delete(oldest.value);
    }
    // a failed write is a "no": the handler runs
    this.handledHere.set(
      eventId,
      written.catch(() => false),
    );
  }

  private async inboxMany(events: readonly { id: string; type: string }[]): Promise<void[]> {
    await this.dataSource.query(
      `INSERT INTO "${this.busOptions.schema}".inbox (consumer, event_id, event_type)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[]) ON CONFLICT DO NOTHING`,
      [this.durable, events.map((e) => e.id), events.map((e) => e.type)],
    );
    return events.map(() => undefined);
  }

  private async ensureConsumer(): Promise<void> {
    const o = this.options!;
    await this.jetstream.ensureConsumer({
      durable: this.durable,
      ackWaitMs: o.ackWaitMs,
      maxDeliver: o.maxDeliver,
      // redelivery of messages nobody acknowledged (a crashed process), growing each time
      backoffMs: [o.ackWaitMs, o.ackWaitMs * 2, o.ackWaitMs * 4].slice(0, o.maxDeliver - 1),
      filterSubject: this.filterSubject(),
    });
  }

  /**
   * A consumer of one event type receives only that type's subject (the vault: disconnects, not
   * every refresh it announced itself). With more types it receives every event — one filter
   * subject is what servers before 2.10 allow — and acknowledges those it ignores.
   */
  private filterSubject(): string | undefined {
    const types = Object.keys(this.options!.handlers).filter(isEventType);
    return types.length === 1 ? eventSubject(eventsSubjectPrefix(), types[0]) : undefined;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const consumer = await this.jetstream
          .client()
          .consumers.get(this.jetstream.streamName, this.durable);
        this.messages = await consumer.consume({
          max_messages: this.options!.batch,
          expires: 5000,
        });
        failures = 0;
        const arrivals = new Arrivals(this.messages, this.options!.batch);
        for (;;) {
          const group = await arrivals.next();
          if (group.length > 0) await this.processGroup(group);
          if (arrivals.ended || !this.running) break;
        }
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 20 === 0) {
          this.logger.warn({
            msg: 'consumer interrupted; resuming',
            durable: this.durable,
            error: String(error).slice(0, 300),
          });
        }
        await this.ensureConsumer().catch(() => undefined);
      }
      if (this.running)
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** Math.min(failures, 5))));
    }
    await Promise.allSettled([...this.notesInFlight]);
    // the last turn's acknowledgements leave before the connection closes
    await new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * Messages that arrived together: validated, the `alreadyApplied` ones found in one statement
   * per type, then each acted on in arrival order.
   */
  private async processGroup(group: readonly JsMsg[]): Promise<void> {
    const verdicts = group.map((msg) => this.judge(msg));
    const applied = await this.appliedAmong(
      verdicts.flatMap((v) =>
        v.kind === 'valid' && !this.handledHere.has(v.event.id) ? [v.event] : [],
      ),
    );
    for (const [i, verdict] of verdicts.entries()) {
      const msg = group[i];
      switch (verdict.kind) {
        case 'ignored':
          consumedMessages.inc({ consumer: this.durable, type: verdict.type, outcome: 'ignored' });
          this.ack(msg);
          break;
        case 'invalid':
          await this.deadLetter(msg, verdict.reason, verdict.detail, verdict.eventId, verdict.type);
          break;
        case 'valid': {
          const note = this.handledHere.get(verdict.event.id);
          if (note) this.handledHere.delete(verdict.event.id);
          // an event with nothing left to do does not hold up the ones behind it
          if (note && (await note)) this.inboxOnly(msg, verdict.event);
          else if (!note && applied.has(verdict.event.id)) {
            this.ack(msg);
            consumedMessages.inc({
              consumer: this.durable,
              type: verdict.event.type,
              outcome: 'already-applied',
            });
          } else await this.handle(msg, verdict.event);
          break;
        }
      }
    }
  }

  /**
   * Runs each type's `alreadyApplied` check over these events and, in the same statement, writes
   * the inbox rows of those it found. The ids found; none for a type without a check, or when the
   * statement failed (the handlers then run and decide).
   */
  private async appliedAmong(events: readonly EventOf<EventType>[]): Promise<Set<string>> {
    const found = new Set<string>();
    const byType = new Map<EventType, EventOf<EventType>[]>();
    for (const e of events) {
      if (!this.options!.alreadyApplied[e.type]) continue;
      const ofType = byType.get(e.type);
      if (ofType) ofType.push(e);
      else byType.set(e.type, [e]);
    }
    for (const [type, ofType] of byType) {
      const check = (
        this.options!.alreadyApplied[type] as (e: EventOf<EventType>[]) => AppliedCheck
      )(ofType);
      const n = check.values.length;
      try {
        const rows: { id: string }[] = await this.dataSource.query(
          `WITH applied AS (${check.text}),
           inbox AS (
             INSERT INTO "${this.busOptions.schema}".inbox (consumer, event_id, event_type)
             SELECT $${n + 1}, applied.id, $${n + 2} FROM applied
             ON CONFLICT DO NOTHING)
           SELECT id::text AS id FROM applied`,
          [...check.values, this.durable, type],
        );
        for (const r of rows) found.add(r.id);
      } catch {
        // PostgreSQL away: the handlers find out, and retry as usual
      }
    }
    return found;
  }

  /** The inbox row of an event whose effect this process wrote already, then the ack. */
  private inboxOnly(msg: JsMsg, event: EventOf<EventType>): void {
    const work = this.noted.run({ id: event.id, type: event.type }).then(
      () => {
        this.ack(msg);
        consumedMessages.inc({ consumer: this.durable, type: event.type, outcome: 'noted' });
      },
      // PostgreSQL away: redelivered, and then handled as any event (the handler is idempotent)
      () => msg.nak(1000),
    );
    this.notesInFlight.add(work);
    void work.finally(() => this.notesInFlight.delete(work));
  }

  /**
   * Acknowledges at the end of this event-loop turn, with the turn's other acknowledgements: the
   * client writes each one alone otherwise (one system call, and one read at the server, per event
   * — most of them events of types this consumer ignores). An ack lost to a crash in between only
   * means a redelivery, which the inbox absorbs.
   */
  private ack(msg: JsMsg): void {
    this.acks.push(msg);
    if (this.acks.length > 1) return;
    setImmediate(() => {
      const due = this.acks;
      this.acks = [];
      for (const m of due) m.ack();
    });
  }

  private judge(msg: JsMsg): Verdict {
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(msg.data).toString('utf8'));
    } catch {
      return {
        kind: 'invalid',
        reason: 'bad-json',
        detail: 'payload is not JSON',
        eventId: null,
        type: null,
      };
    }
    const envelope = AnyEnvelopeSchema.safeParse(json);
    if (!envelope.success) {
      return {
        kind: 'invalid',
        reason: 'bad-envelope',
        detail: describeIssues(envelope.error),
        eventId: null,
        type: null,
      };
    }
    const { id, type } = envelope.data;
    if (!isEventType(type)) {
      return {
        kind: 'invalid',
        reason: 'unknown-type',
        detail: `unknown event type ${type.slice(0, 100)}`,
        eventId: id,
        type,
      };
    }
    if (!this.options!.handlers[type]) return { kind: 'ignored', type };
    const event = EVENT_SCHEMAS[type].safeParse(json);
    if (!event.success) {
      return {
        kind: 'invalid',
        reason: 'bad-schema',
        detail: describeIssues(event.error),
        eventId: id,
        type,
      };
    }
    return { kind: 'valid', event: event.data as EventOf<EventType> };
  }

  private async handle(msg: JsMsg, event: EventOf<EventType>): Promise<void> {
    const handler = this.options!.handlers[event.type] as EventHandler<EventType>;
    const timer = handleDuration.startTimer({ consumer: this.durable, type: event.type });
    const parent = contextFromHeaders(traceHeaders(msg));
    try {
      const outcome = await context.with(parent, () =>
        inSpan(
          `consume ${event.type}`,
          {
            kind: SpanKind.CONSUMER,
            attributes: { 'messaging.consumer': this.durable, 'switchboard.event_id': event.id },
          },
          () =>
            this.dataSource.transaction(async (tx) => {
              const inserted: unknown[] = await tx.query(this.inboxInsert, [
                this.durable,
                event.id,
                event.type,
              ]);
              if (inserted.length === 0) return 'duplicate' as const;
              await handler(event, tx);
              return 'processed' as const;
            }),
        ),
      );
      this.ack(msg);
      consumedMessages.inc({ consumer: this.durable, type: event.type, outcome });
    } catch (error) {
      const deliveries = msg.info.redeliveryCount;
      const detail = error instanceof Error ? error.message : String(error);
      if (deliveries >= this.options!.maxDeliver) {
        await this.deadLetter(msg, 'handler-failed', detail, event.id, event.type);
        return;
      }
      const delays = this.options!.retryDelaysMs;
      const delay = delays[Math.min(deliveries - 1, delays.length - 1)];
      consumedMessages.inc({ consumer: this.durable, type: event.type, outcome: 'retried' });
      this.logger.warn({
        msg: 'event handler failed; will retry',
        type: event.type,
        eventId: event.id,
        deliveries,
        retryInMs: delay,
        error: detail.slice(0, 300),
      });
      msg.nak(delay);
    } finally {
      timer();
    }
  }

  private async deadLetter(
    msg: JsMsg,
    reason: string,
    detail: string,
    eventId: string | null,
    type: string | null,
  ): Promise<void> {
    try {
      await this.dataSource.query(
        `INSERT INTO "${this.busOptions.schema}".dead_letter
           (consumer, subject, stream_seq, event_id, event_type, payload, headers, reason, error, deliveries)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          this.durable,
          msg.subject,
          msg.seq,
          eventId,
          type,
          Buffer.from(msg.data).toString('utf8').slice(0, 1_000_000),
          JSON.stringify(traceHeaders(msg)),
          reason,
          detail.slice(0, 2000),
          msg.info.redeliveryCount,
        ],
      );
    } catch (error) {
      // could not record it: leave it to be redelivered rather than lose it
      this.logger.warn({
        msg: 'dead-letter write failed; will retry',
        error: String(error).slice(0, 300),
      });
      msg.nak(5000);
      return;
    }
    deadLettered.inc({ consumer: this.durable, reason });
    consumedMessages.inc({
      consumer: this.durable,
      type: type ?? 'unknown',
      outcome: 'dead-lettered',
    });
    this.logger.warn({
      msg: 'message dead-lettered',
      consumer: this.durable,
      reason,
      eventType: type,
      eventId,
      detail: detail.slice(0, 300),
    });
    msg.term();
  }
}

function traceHeaders(msg: JsMsg): TraceCarrier {
  const carrier: TraceCarrier = {};
  for (const name of ['traceparent', 'tracestate']) {
    const value = msg.headers?.get(name);
    if (value) carrier[name] = value;
  }
  return carrier;
}

/**
 * Reads a consumer's messages in groups: each group is the next message and whatever had arrived
 * with it — the ones the client holds already, taken without waiting for more.
 */
class Arrivals {
  private readonly it: AsyncIterator<JsMsg>;
  private waiting: Promise<IteratorResult<JsMsg>> | null = null;
  ended = false;

  constructor(
    messages: AsyncIterable<JsMsg>,
    private readonly max: number,
  ) {
    this.it = messages[Symbol.asyncIterator]();
  }

  async next(): Promise<JsMsg[]> {
    const group: JsMsg[] = [];
    const first = await this.read();
    this.waiting = null;
    if (first.done) {
      this.ended = true;
      return group;
    }
    group.push(first.value);
    while (group.length < this.max) {
      const more = await Promise.race([this.read(), nextTurn()]);
      // nothing more had arrived: the read stays pending for the next group
      if (more === NOT_YET) break;
      this.waiting = null;
      if (more.done) {
        this.ended = true;
        break;
      }
      group.push(more.value);
    }
    return group;
  }

  private read(): Promise<IteratorResult<JsMsg>> {
    if (!this.waiting) {
      this.waiting = this.it.next();
      // a read still pending when the consumer stops must not become an unhandled rejection
      this.waiting.catch(() => undefined);
    }
    return this.waiting;
  }
}

const NOT_YET = Symbol('not yet');
const nextTurn = () =>
  new Promise<typeof NOT_YET>((resolve) => setImmediate(() => resolve(NOT_YET)));

import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { metricsRegistry } from '@switchboard/platform';
import { headers as natsHeaders } from 'nats';
import { Client } from 'pg';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { publishedEvents, relayErrors } from './bus.metrics';
import { BUS_OPTIONS, type BusOptions } from './bus.options';
import { JetStreamService } from './jetstream.service';

interface OutboxRow {
  seq: string;
  id: string;
  type: string;
  subject: string;
  payload: unknown;
  headers: Record<string, string>;
}

const BATCH = 200;
const PUBLISH_TIMEOUT_MS = 5000;
const MAX_BACKOFF_MS = 5000;
const PURGE_AFTER = '1 hour';

/**
 * Moves committed outbox rows to JetStream. `Nats-Msg-Id` = event id, so a row re-sent after a
 * crash between publish and mark is dropped by JetStream's duplicate window; consumers' inboxes
 * cover re-sends older than that window. Woken by NOTIFY on insert, with a poll as a fallback.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('outbox-relay');
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private listener?: Client;
  private failures = 0;
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jetstream: JetStreamService,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
  ) {
    const schema = options.schema;
    const ds = dataSource;
    if (metricsRegistry.getSingleMetric('bus_outbox_backlog')) return;
    new Gauge({
      name: 'bus_outbox_backlog',
      help: 'Outbox rows not yet published',
      registers: [metricsRegistry],
      async collect() {
        try {
          const rows: { n: string }[] = await ds.query(
            `SELECT count(*) AS n FROM "${schema}".outbox WHERE published_at IS NULL`,
          );
          this.set(Number(rows[0]?.n ?? 0));
        } catch {
          // PostgreSQL unavailable: keep the last value
        }
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jetstream.ensureStream();
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /** Publishes what is pending now; returns how many rows were published. */
  async drainOnce(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows: OutboxRow[] = await tx.query(
        `SELECT seq, id, type, subject, payload, headers FROM "${this.options.schema}".outbox
         WHERE published_at IS NULL ORDER BY seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      const js = this.jetstream.client();
      const results = await Promise.allSettled(
        rows.map((row) => {
          const h = natsHeaders();
          for (const [k, v] of Object.entries(row.headers ?? {})) h.set(k, String(v));
          return js.publish(row.subject, Buffer.from(JSON.stringify(row.payload)), {
            msgID: row.id,
            headers: h,
            timeout: PUBLISH_TIMEOUT_MS,
          });
        }),
      );
      const done = rows.filter((_, i) => results[i].status === 'fulfilled');
      const failed = rows.filter((_, i) => results[i].status === 'rejected');
      if (done.length > 0) {
        await tx.query(
          `UPDATE "${this.options.schema}".outbox SET published_at = now(), attempts = attempts + 1
           WHERE seq = ANY($1::bigint[])`,
          [done.map((r) => r.seq)],
        );
        for (const row of done) publishedEvents.inc({ type: row.type });
      }
      if (failed.length > 0) {
        const reason: unknown = (
          results.find((r) => r.status === 'rejected') as PromiseRejectedResult
        ).reason;
        await tx.query(
          `UPDATE "${this.options.schema}".outbox SET attempts = attempts + 1, last_error = $2
           WHERE seq = ANY($1::bigint[])`,
          [failed.map((r) => r.seq), errorText(reason)],
        );
        throw new RelayError(
          `${failed.length} of ${rows.length} events not published: ${errorText(reason)}`,
          done.length,
        );
      }
      return done.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.drainOnce();
        if (this.failures > 0)
          this.logger.log({ msg: 'outbox relay recovered', after: this.failures });
        this.failures = 0;
        await this.purge();
      } catch (error) {
        this.failures += 1;
        relayErrors.inc();
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.logger.warn({
            msg: 'outbox relay failed; retrying',
            failures: this.failures,
            error: errorText(error),
          });
        }
        if (isMissingStream(error)) await this.jetstream.ensureStream().catch(() => undefined);
      }
      if (published >= BATCH) continue;
      const delay =
        this.failures > 0
          ? Math.min(MAX_BACKOFF_MS, 100 * 2 ** this.failures)
          : (this.options.relayPollMs ?? 1000);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private async purge(): Promise<void> {
    if (Date.now() - this.lastPurge < 60_000) return;
    this.lastPurge = Date.now();
    await this.dataSource.query(
      `DELETE FROM "${this.options.schema}".outbox
       WHERE published_at IS NOT NULL AND published_at < now() - interval '${PURGE_AFTER}'`,
    );
  }

  /** LISTEN for inserts so events leave within milliseconds; reconnects after PostgreSQL restarts. */
  private async listen(): Promise<void> {
    const url = (this.dataSource.options as PostgresConnectionOptions).url;
    while (this.running) {
      const client = new Client({ connectionString: url, keepAlive: true });
      let lost: () => void = () => undefined;
      const ended = new Promise<void>((resolve) => (lost = resolve));
      // an unhandled 'error' on a pg client would end the process
      client.on('error', () => lost());
      client.on('end', () => lost());
      try {
        await client.connect();
        this.listener = client;
        await client.query(`LISTEN "${this.options.schema}_outbox"`);
        client.on('notification', () => this.wake?.());
        await ended;
      } catch {
        // PostgreSQL down: the poll keeps the relay going; try again shortly
      }
      await client.end().catch(() => undefined);
      if (this.running) await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

class RelayError extends Error {
  constructor(
    message: string,
    readonly published: number,
  ) {
    super(message);
  }
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}

function isMissingStream(error: unknown): boolean {
  return /no responders|stream not found|503/i.test(errorText(error));
}

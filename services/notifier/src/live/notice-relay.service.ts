import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { InboxRepository } from '../inbox/inbox.repository';
import { LiveNoticesPublisher } from './live-notices.publisher';

const FLUSH_MS = 50;

/**
 * LISTENs for committed notices (a trigger NOTIFYs at commit, so a rolled-back notice is never
 * announced) and publishes them in batches for the live stream.
 */
@Injectable()
export class NoticeRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('live');
  private running = false;
  private client?: Client;
  private pending: string[] = [];
  private timer?: NodeJS.Timeout;
  private listening?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: InboxRepository,
    private readonly publisher: LiveNoticesPublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.listening = this.listen();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
    await this.listening;
  }

  private enqueue(id: string): void {
    this.pending.push(id);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const ids = this.pending.splice(0, this.pending.length);
    if (ids.length === 0) return;
    try {
      for (const notice of await this.inbox.byIds(ids)) this.publisher.publish('created', notice);
    } catch (error) {
      this.logger.warn({ msg: 'live notices not loaded', error: String(error).slice(0, 200) });
    }
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as PostgresConnectionOptions).url;
    while (this.running) {
      const client = new Client({ connectionString: url, keepAlive: true });
      let lost: () => void = () => undefined;
      const ended = new Promise<void>((resolve) => (lost = resolve));
      client.on('error', () => lost());
      client.on('end', () => lost());
      client.on('notification', (n) => {
        if (n.payload) this.enqueue(n.payload);
      });
      try {
        await client.connect();
        this.client = client;
        await client.query('LISTEN notifier_notice');
        await ended;
      } catch {
        // PostgreSQL away: try again shortly; live updates resume when it is back
      }
      await client.end().catch(() => undefined);
      if (this.running) await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

import { Controller, Inject, Injectable, type Type } from '@nestjs/common';
import { busStatus, type BusStatus, type RpcReply } from '@switchboard/contracts';
import { metricsRegistry, RpcHandler } from '@switchboard/platform';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { BUS_OPTIONS, type BusOptions } from './bus.options';
import { JetStreamService } from './jetstream.service';

interface OutboxRow {
  pending: string;
  oldest_seconds: number | null;
}

/** What an operator asks when events seem stuck: outbox backlog, consumer lag, dead letters. */
@Injectable()
export class BusStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jetstream: JetStreamService,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
  ) {
    this.exportConsumerLag();
  }

  async status(): Promise<BusStatus> {
    const schema = `"${this.options.schema}"`;
    const [outbox] = await this.dataSource.query<OutboxRow[]>(
      `SELECT count(*) AS pending,
              EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest_seconds
       FROM ${schema}.outbox WHERE published_at IS NULL`,
    );
    const [dead] = await this.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM ${schema}.dead_letter WHERE replayed_at IS NULL`,
    );
    return {
      service: this.options.service,
      outbox: {
        pending: Number(outbox?.pending ?? 0),
        oldestPendingSeconds:
          outbox?.oldest_seconds == null ? null : Math.max(0, outbox.oldest_seconds),
      },
      consumer: await this.consumer(),
      deadLetters: { unreplayed: Number(dead?.n ?? 0) },
    };
  }

  private async consumer(): Promise<BusStatus['consumer']> {
    const durable = this.options.service;
    const jsm = await this.jetstream.jsm();
    const info = await jsm.consumers.info(this.jetstream.streamName, durable).catch(() => null);
    if (!info) return null;
    return {
      durable,
      pending: info.num_pending,
      ackPending: info.num_ack_pending,
      redelivered: info.num_redelivered,
    };
  }

  /**
   * `bus_consumer_pending{state}`: this service's durable consumer — events not yet delivered
   * (`undelivered`) and delivered but not yet acknowledged (`unacked`), read when scraped.
   */
  private exportConsumerLag(): void {
    if (metricsRegistry.getSingleMetric('bus_consumer_pending')) return;
    const consumer = () => this.consumer();
    new Gauge({
      name: 'bus_consumer_pending',
      help: "Events waiting for this service's consumer",
      labelNames: ['state'],
      registers: [metricsRegistry],
      async collect() {
        // NATS unavailable or slow: keep the last values rather than hold up the scrape
        const info = await Promise.race([
          consumer().catch(() => undefined),
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2000).unref()),
        ]);
        if (info === undefined) return;
        this.set({ state: 'undelivered' }, info?.pending ?? 0);
        this.set({ state: 'unacked' }, info?.ackPending ?? 0);
      },
    });
  }
}

export function busStatusController(service: string): Type {
  const contract = busStatus(service);

  @Controller()
  class BusStatusRpcController {
    constructor(private readonly bus: BusStatusService) {}

    @RpcHandler(contract)
    status(): Promise<RpcReply<typeof contract>> {
      return this.bus.status();
    }
  }
  return BusStatusRpcController;
}

import {
  DynamicModule,
  Inject,
  Logger,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { connect, Events, type NatsConnection } from 'nats';
import { ReadinessRegistry } from '../health/readiness.registry';
import { natsAuthOptions, type NatsAuth } from './nats-auth';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

export interface NatsOptions {
  url: string;
  name: string;
  auth?: NatsAuth;
}

/** Reconnects forever: a NATS restart must never take a service down. */
export function connectNats(options: NatsOptions): Promise<NatsConnection> {
  return connect({
    servers: options.url.split(',').map((s) => s.trim()),
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
    pingInterval: 5000,
    // no Error (with its stack) captured per request just to decorate a timeout's trace
    noAsyncTraces: true,
    ...natsAuthOptions(options.auth),
  });
}

@Module({})
export class NatsModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('nats');
  private connected = true;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly readiness: ReadinessRegistry,
  ) {}

  static forRoot(options: NatsOptions): DynamicModule {
    return {
      module: NatsModule,
      global: true,
      providers: [{ provide: NATS_CONNECTION, useFactory: () => connectNats(options) }],
      exports: [NATS_CONNECTION],
    };
  }

  onModuleInit(): void {
    void this.watchStatus();
    this.readiness.register({
      name: 'nats',
      check: async () => {
        if (this.nc.isClosed() || !this.connected) throw new Error('not connected');
        await this.nc.flush();
      },
    });
  }

  private async watchStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === Events.Disconnect) this.connected = false;
      if (status.type === Events.Reconnect) this.connected = true;
      if (status.type === Events.Disconnect || status.type === Events.Reconnect) {
        this.logger.warn({
          msg: `nats ${status.type}`,
          server: typeof status.data === 'string' ? status.data : JSON.stringify(status.data),
        });
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }
}

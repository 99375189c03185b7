import { DynamicModule, Module } from '@nestjs/common';
import type { EntitySchema, MixedList } from 'typeorm';
import type { CommonEnv } from './config/env-schemas';
import { DatabaseModule } from './db/database.module';
import { HealthModule } from './health/health.module';
import { initMetrics } from './health/metrics';
import type { AppLogger } from './logging/logger';
import { natsAuthFromEnv } from './nats/nats-auth';
import { NatsModule } from './nats/nats.module';
import { RpcModule } from './rpc/rpc.module';

export const APP_LOGGER = Symbol('APP_LOGGER');
export const SERVICE_NAME = Symbol('SERVICE_NAME');

export interface PlatformOptions {
  service: string;
  env: CommonEnv;
  logger: AppLogger;
  database: {
    schema: string;
    entities: MixedList<string | (new () => unknown) | EntitySchema>;
    migrations: MixedList<string | (new () => unknown)>;
  };
}

/** What every service has: logger, health + metrics, its own schema, NATS, and an RPC client. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    initMetrics(options.service);
    const auth = natsAuthFromEnv(options.env);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        HealthModule,
        DatabaseModule.forRoot({
          url: options.env.DATABASE_URL,
          poolSize: options.env.DB_POOL_SIZE,
          ...options.database,
        }),
        NatsModule.forRoot({ url: options.env.NATS_URL, name: options.service, auth }),
        RpcModule.forRoot({ url: options.env.NATS_URL, name: options.service, auth }),
      ],
      providers: [
        { provide: APP_LOGGER, useValue: options.logger },
        { provide: SERVICE_NAME, useValue: options.service },
      ],
      exports: [APP_LOGGER, SERVICE_NAME],
    };
  }
}

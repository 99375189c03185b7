import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomStrategy } from '@nestjs/microservices';
import type { CommonEnv } from '../config/env-schemas';
import { NestPinoLogger, type AppLogger } from '../logging/logger';
import { natsAuthFromEnv } from '../nats/nats-auth';
import { namespaced } from '../nats/namespace';
import { NatsRpcServer } from '../rpc/nats-rpc.server';
import { natsTransportOptions } from '../rpc/rpc.module';

export interface BootstrapOptions {
  service: string;
  module: DynamicModule;
  env: CommonEnv;
  port: number;
  logger: AppLogger;
  /** Serve RPC handlers over NATS (queue group per service, so replicas share requests). */
  rpcServer: boolean;
  configure?: (app: INestApplication) => void;
}

/** Starts one service: HTTP (health, metrics, API) and, when asked, its NATS RPC handlers. */
export async function bootstrapService(options: BootstrapOptions): Promise<INestApplication> {
  const { logger } = options;
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled rejection');
  });
  try {
    const app = await NestFactory.create(options.module, {
      logger: new NestPinoLogger(logger),
      abortOnError: false,
    });
    app.enableShutdownHooks();
    options.configure?.(app);
    if (options.rpcServer) {
      app.connectMicroservice<CustomStrategy>(
        {
          strategy: new NatsRpcServer(
            natsTransportOptions(
              options.env.NATS_URL,
              `${options.service}-rpc`,
              namespaced(options.service),
              natsAuthFromEnv(options.env),
            ),
          ),
        },
        { inheritAppConfig: true },
      );
      await app.startAllMicroservices();
    }
    await app.listen(options.port, options.env.HTTP_HOST);
    logger.info({ port: options.port, host: options.env.HTTP_HOST }, `${options.service} ready`);
    return app;
  } catch (error) {
    logger.fatal({ err: error }, `${options.service} failed to start`);
    process.exit(1);
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { natsAuthOptions, type NatsAuth } from '../nats/nats-auth';
import { connectNats } from '../nats/nats.module';
import { RPC_CALLER, RPC_NATS, RpcClient } from './rpc.client';

export function natsTransportOptions(url: string, name: string, queue?: string, auth?: NatsAuth) {
  return {
    servers: url.split(',').map((s) => s.trim()),
    name,
    queue,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
    ...natsAuthOptions(auth),
  };
}

@Module({})
export class RpcModule {
  static forRoot(options: { url: string; name: string; auth?: NatsAuth }): DynamicModule {
    return {
      module: RpcModule,
      global: true,
      providers: [
        {
          provide: RPC_NATS,
          useFactory: () =>
            connectNats({ url: options.url, name: `${options.name}-client`, auth: options.auth }),
        },
        { provide: RPC_CALLER, useValue: options.name },
        RpcClient,
      ],
      exports: [RpcClient],
    };
  }
}

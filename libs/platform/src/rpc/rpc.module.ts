import { DynamicModule, Module } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { natsAuthOptions, type NatsAuth } from '../nats/nats-auth';
import { RPC_CALLER, RPC_CLIENT_PROXY, RpcClient } from './rpc.client';

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
          provide: RPC_CLIENT_PROXY,
          useFactory: () =>
            ClientProxyFactory.create({
              transport: Transport.NATS,
              options: natsTransportOptions(
                options.url,
                `${options.name}-client`,
                undefined,
                options.auth,
              ),
            }),
        },
        { provide: RPC_CALLER, useValue: options.name },
        RpcClient,
      ],
      exports: [RpcClient],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { RPC_CLIENT_PROXY, RpcClient } from './rpc.client';

export function natsTransportOptions(url: string, name: string, queue?: string) {
  return {
    servers: url.split(',').map((s) => s.trim()),
    name,
    queue,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
  };
}

@Module({})
export class RpcModule {
  static forRoot(options: { url: string; name: string }): DynamicModule {
    return {
      module: RpcModule,
      global: true,
      providers: [
        {
          provide: RPC_CLIENT_PROXY,
          useFactory: () =>
            ClientProxyFactory.create({
              transport: Transport.NATS,
              options: natsTransportOptions(options.url, `${options.name}-client`),
            }),
        },
        RpcClient,
      ],
      exports: [RpcClient],
    };
  }
}

import type { CliEnv } from './env';
import { GatewayClient } from './gateway-client';
import { NatsRpc } from './nats-rpc';
import type { Io } from './output';

/** What every command gets: the environment, output, and clients created on first use. */
export class CommandContext {
  private gatewayClient?: GatewayClient;
  private natsRpc?: NatsRpc;
  /** Set by a command that printed its result but wants a non-zero exit (a partial answer). */
  exitCode = 0;

  constructor(
    readonly env: CliEnv,
    readonly io: Io,
    readonly json: boolean,
  ) {}

  gateway(): GatewayClient {
    this.gatewayClient ??= new GatewayClient(this.env);
    return this.gatewayClient;
  }

  rpc(): NatsRpc {
    this.natsRpc ??= new NatsRpc(this.env);
    return this.natsRpc;
  }

  async close(): Promise<void> {
    await this.natsRpc?.close();
  }
}

import { Inject, Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  RpcResultSchema,
  type AnyRpc,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import type { NatsConnection } from 'nats';
import { namespaced } from '../nats/namespace';
import { currentTraceHeaders, inSpan, SpanKind } from '../telemetry/trace-context';
import { RpcTransport, RpcTransportError, type RpcReplyPacket } from './rpc-transport';
import { describeIssues } from './validation-message';

/** The NATS connection RPC calls go out on (its own, so JetStream traffic never queues them). */
export const RPC_NATS = Symbol('RPC_NATS');
/** The calling service's name, sent as `x-switchboard-caller` (the vault's decrypt audit records it). */
export const RPC_CALLER = Symbol('RPC_CALLER');
const DEFAULT_TIMEOUT_MS = 10_000;

/** Calls another service over NATS request/reply; both request and reply are validated here. */
@Injectable()
export class RpcClient implements OnApplicationShutdown {
  private readonly transport: RpcTransport;

  constructor(
    @Inject(RPC_NATS) private readonly nc: NatsConnection,
    @Optional() @Inject(RPC_CALLER) caller?: string,
  ) {
    this.transport = new RpcTransport(nc, caller);
  }

  call<C extends AnyRpc>(
    contract: C,
    request: RpcRequest<C>,
    options: { timeoutMs?: number } = {},
  ): Promise<RpcReply<C>> {
    return inSpan(`rpc call ${contract.subject}`, { kind: SpanKind.CLIENT }, async () => {
      const parsed = contract.request.safeParse(request);
      if (!parsed.success) {
        throw new CodedError(
          ErrorCodes.validation,
          `refused to send ${contract.subject}: ${describeIssues(parsed.error)}`,
        );
      }
      let packet: RpcReplyPacket;
      try {
        packet = await this.transport.send(
          namespaced(contract.subject),
          parsed.data,
          currentTraceHeaders(),
          options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        );
      } catch (error) {
        if (error instanceof RpcTransportError && error.kind === 'timeout') {
          throw new CodedError(ErrorCodes.timeout, `no answer from ${contract.subject}`);
        }
        throw new CodedError(ErrorCodes.unavailable, `${contract.subject} unavailable`);
      }
      if ('err' in packet) {
        throw new CodedError(ErrorCodes.unavailable, `${contract.subject} unavailable`);
      }
      const result = RpcResultSchema.safeParse(packet.response);
      if (!result.success)
        throw new CodedError(ErrorCodes.internal, `malformed reply from ${contract.subject}`);
      if (!result.data.ok) throw new CodedError(result.data.error.code, result.data.error.message);
      const reply = contract.reply.safeParse(result.data.data);
      if (!reply.success) {
        throw new CodedError(
          ErrorCodes.internal,
          `reply of ${contract.subject} failed its schema: ${describeIssues(reply.error)}`,
        );
      }
      return reply.data as RpcReply<C>;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }
}

import { Inject, Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  RpcResultSchema,
  type AnyRpc,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { ErrorCode, headers as natsHeaders, NatsError, type Msg, type NatsConnection } from 'nats';
import { CALLER_HEADER } from '../nats/nats-auth';
import { namespaced } from '../nats/namespace';
import { currentTraceHeaders, inSpan, SpanKind } from '../telemetry/trace-context';
import { decodeReply, encodeRequest } from './rpc-wire';
import { describeIssues } from './validation-message';

/** The NATS connection RPC calls go out on (its own, so JetStream traffic never queues them). */
export const RPC_NATS = Symbol('RPC_NATS');
/** The calling service's name, sent as `x-switchboard-caller` (the vault's decrypt audit records it). */
export const RPC_CALLER = Symbol('RPC_CALLER');
const DEFAULT_TIMEOUT_MS = 10_000;

let turn: Promise<void> | null = null;
/**
 * Resolves at the end of this turn of the event loop. Requests made in one turn then leave in one
 * socket write instead of one write each — on a busy service, write system calls cost more than
 * everything else an RPC does.
 */
function endOfTurn(): Promise<void> {
  turn ??= new Promise((resolve) =>
    setImmediate(() => {
      turn = null;
      resolve();
    }),
  );
  return turn;
}

/** Calls another service over NATS request/reply; both request and reply are validated here. */
@Injectable()
export class RpcClient implements OnApplicationShutdown {
  constructor(
    @Inject(RPC_NATS) private readonly nc: NatsConnection,
    @Optional() @Inject(RPC_CALLER) private readonly caller?: string,
  ) {}

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
      const headers = natsHeaders();
      for (const [k, v] of Object.entries(currentTraceHeaders())) headers.set(k, v);
      if (this.caller) headers.set(CALLER_HEADER, this.caller);
      const subject = namespaced(contract.subject);
      let msg: Msg;
      try {
        await endOfTurn();
        msg = await this.nc.request(subject, encodeRequest(subject, parsed.data), {
          timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          headers,
        });
      } catch (error) {
        if (error instanceof NatsError && error.code === String(ErrorCode.Timeout)) {
          throw new CodedError(ErrorCodes.timeout, `no answer from ${contract.subject}`);
        }
        throw new CodedError(ErrorCodes.unavailable, `${contract.subject} unavailable`);
      }
      const packet = decodeReply(msg.data);
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

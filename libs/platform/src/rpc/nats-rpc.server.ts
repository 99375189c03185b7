import { NatsContext, ServerNats, type NatsOptions } from '@nestjs/microservices';
import type { Msg } from 'nats';
import { isObservable, lastValueFrom } from 'rxjs';
import {
  BATCH_HEADER,
  decodeBatch,
  decodeRequest,
  encodeReplies,
  encodeReply,
  type BatchItem,
  type ReplyPacket,
} from './rpc-wire';

type Handler = (data: unknown, ctx: NatsContext) => unknown;
type Reply = (packet: Omit<ReplyPacket, 'isDisposed' | 'id'>) => void;

const NO_HANDLER = 'There is no matching message handler defined in the remote service.';

/**
 * Nest's NATS server with a direct request → handler → reply path. The stock server routes every
 * reply through an RxJS pipeline and a per-message serializer; on the vault's hot path
 * (`vault.token.get`) that machinery cost more CPU than the PostgreSQL read and the decrypt
 * together. Handlers, queue groups, connection options and the single-call framing are unchanged;
 * batch messages of `RpcTransport` (header `x-switchboard-batch`) are understood besides.
 * Messages without a reply subject are not RPCs and are ignored (events travel over JetStream).
 */
export class NatsRpcServer extends ServerNats {
  /** Replies ready in this turn of the event loop, per request, written to the socket together. */
  private outgoing = new Map<Msg, ReplyPacket[]>();

  constructor(options: NatsOptions['options']) {
    super(options ?? {});
  }

  override async handleMessage(channel: string, natsMsg: Msg): Promise<void> {
    if (!natsMsg.reply) return;
    const batched = natsMsg.headers?.get(BATCH_HEADER);
    if (batched) return this.handleBatch(channel, natsMsg);
    const request = decodeRequest(natsMsg.data);
    const reply: Reply = (packet) =>
      this.enqueueReply(natsMsg, { ...packet, id: request?.id ?? null, isDisposed: true });
    if (!request) {
      reply({ err: 'malformed request packet' });
      return;
    }
    const handler = this.handlerFor(channel);
    if (!handler) {
      reply({ err: NO_HANDLER });
      return;
    }
    await this.run(
      handler,
      request.data,
      new NatsContext([natsMsg.subject, natsMsg.headers]),
      reply,
    );
  }

  /** A batch (`RpcTransport`): every item handled as a request of its own, answered when ready. */
  private async handleBatch(channel: string, natsMsg: Msg): Promise<void> {
    const items = decodeBatch(natsMsg.data);
    const handler = this.handlerFor(channel);
    if (!items || !handler) {
      this.enqueueReply(natsMsg, {
        id: null,
        err: items ? NO_HANDLER : 'malformed batch packet',
        isDisposed: true,
      });
      return;
    }
    await Promise.all(
      items.map((item) =>
        this.run(
          handler,
          item.data,
          new NatsContext([natsMsg.subject, itemHeaders(natsMsg, item)] as unknown as [
            string,
            Msg['headers'],
          ]),
          (packet) => this.enqueueReply(natsMsg, { ...packet, id: item.id, isDisposed: true }),
        ),
      ),
    );
  }

  private handlerFor(channel: string): Handler | null {
    // the subscription's own subject is the handler's key (the generic lookup JSON-parses it)
    return (this.messageHandlers.get(channel) ??
      this.getHandlerByPattern(channel)) as Handler | null;
  }

  private async run(
    handler: Handler,
    data: unknown,
    ctx: NatsContext,
    reply: Reply,
  ): Promise<void> {
    try {
      const result: unknown = await handler(data, ctx);
      reply({ response: isObservable(result) ? await lastValueFrom(result) : result });
    } catch (error) {
      // RpcHandler turns every failure into `{ok: false, error}`; this is a last resort
      this.logger.error(error);
      reply({ err: 'internal error' });
    }
  }

  /**
   * Each reply finishes in its own callback (its PostgreSQL answer); published one by one, every
   * reply is a write system call of its own. Held until the end of the loop turn, the replies of
   * all the callbacks that ran in it leave in one write.
   */
  private enqueueReply(msg: Msg, packet: ReplyPacket): void {
    const first = this.outgoing.size === 0;
    const packets = this.outgoing.get(msg);
    if (packets) packets.push(packet);
    else this.outgoing.set(msg, [packet]);
    if (!first) return;
    setImmediate(() => {
      const ready = this.outgoing;
      this.outgoing = new Map();
      // the calls of one batch answered in the same turn share a reply message
      for (const [m, p] of ready) m.respond(p.length === 1 ? encodeReply(p[0]) : encodeReplies(p));
    });
  }
}

const TRACE_HEADERS = new Set(['traceparent', 'tracestate']);

/** An item's headers: its own trace context, the message's for the rest (the caller). */
function itemHeaders(msg: Msg, item: BatchItem): { get(name: string): string } {
  return {
    get(name: string): string {
      const own = TRACE_HEADERS.has(name) ? item.trace[name] : undefined;
      return typeof own === 'string' ? own : (msg.headers?.get(name) ?? '');
    },
  };
}

import { NatsContext, ServerNats, type NatsOptions } from '@nestjs/microservices';
import type { Msg } from 'nats';
import { isObservable, lastValueFrom } from 'rxjs';
import { decodeRequest, encodeReply, type ReplyPacket } from './rpc-wire';

const NO_HANDLER = 'There is no matching message handler defined in the remote service.';

/**
 * Nest's NATS server with a direct request → handler → reply path. The stock server routes every
 * reply through an RxJS pipeline and a per-message serializer; on the vault's hot path
 * (`vault.token.get`) that machinery cost more CPU than the PostgreSQL read and the decrypt
 * together. Handlers, queue groups, connection options and the wire framing are unchanged.
 * Messages without a reply subject are not RPCs and are ignored (events travel over JetStream).
 */
export class NatsRpcServer extends ServerNats {
  /** Replies ready in this turn of the event loop, written to the socket together. */
  private outgoing: { msg: Msg; data: Uint8Array }[] = [];

  constructor(options: NatsOptions['options']) {
    super(options ?? {});
  }

  override async handleMessage(channel: string, natsMsg: Msg): Promise<void> {
    if (!natsMsg.reply) return;
    const request = decodeRequest(natsMsg.data);
    const reply = (packet: Omit<ReplyPacket, 'isDisposed' | 'id'>) =>
      this.enqueueReply(
        natsMsg,
        encodeReply({ ...packet, id: request?.id ?? null, isDisposed: true }),
      );
    if (!request) {
      reply({ err: 'malformed request packet' });
      return;
    }
    // the subscription's own subject is the handler's key (the generic lookup JSON-parses it)
    const handler = this.messageHandlers.get(channel) ?? this.getHandlerByPattern(channel);
    if (!handler) {
      reply({ err: NO_HANDLER });
      return;
    }
    const ctx = new NatsContext([natsMsg.subject, natsMsg.headers]);
    try {
      const result: unknown = await handler(request.data, ctx);
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
  private enqueueReply(msg: Msg, data: Uint8Array): void {
    this.outgoing.push({ msg, data });
    if (this.outgoing.length > 1) return;
    setImmediate(() => {
      const batch = this.outgoing;
      this.outgoing = [];
      for (const r of batch) r.msg.respond(r.data);
    });
  }
}

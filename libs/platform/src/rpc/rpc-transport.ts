import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  headers as natsHeaders,
  NatsError,
  RequestStrategy,
  type NatsConnection,
} from 'nats';
import { CALLER_HEADER } from '../nats/nats-auth';
import {
  BATCH_HEADER,
  decodeReplyPacket,
  decodeReplyPackets,
  encodeBatch,
  encodeRequest,
} from './rpc-wire';

/** Calls per batch message at most; responders may send as many replies to one request. */
export const MAX_BATCH = 64;

export type RpcReplyPacket = { response: unknown } | { err: string };

/** The call got no answer: `timeout`, or `unavailable` (no responder, connection gone). */
export class RpcTransportError extends Error {
  constructor(readonly kind: 'timeout' | 'unavailable') {
    super(kind);
  }
}

interface Call {
  id: string;
  data: unknown;
  trace: Record<string, string>;
  resolve(reply: RpcReplyPacket): void;
  reject(error: RpcTransportError): void;
}

/**
 * Sends RPC requests at the end of the event-loop turn they were made in. A call alone goes out as
 * a plain request; several calls to the same subject (with the same timeout) go out as one batch
 * message, each call answered as soon as it is ready (the answers ready at the same moment share a
 * reply message) — fewer messages through nats-server, one decode in the responder, and every
 * call's reply as early as if it had been sent alone. All the turn's messages leave in one write.
 */
export class RpcTransport {
  private queued = new Map<string, { subject: string; timeoutMs: number; calls: Call[] }>();
  private scheduled = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly caller?: string,
  ) {}

  send(
    subject: string,
    data: unknown,
    trace: Record<string, string>,
    timeoutMs: number,
  ): Promise<RpcReplyPacket> {
    return new Promise((resolve, reject) => {
      const key = `${timeoutMs} ${subject}`;
      let group = this.queued.get(key);
      if (!group) {
        group = { subject, timeoutMs, calls: [] };
        this.queued.set(key, group);
      }
      group.calls.push({ id: randomUUID(), data, trace, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const queued = this.queued;
    this.queued = new Map();
    for (const { subject, timeoutMs, calls } of queued.values()) {
      for (let i = 0; i < calls.length; i += MAX_BATCH) {
        const chunk = calls.slice(i, i + MAX_BATCH);
        if (chunk.length === 1) this.single(subject, chunk[0], timeoutMs);
        else void this.batch(subject, chunk, timeoutMs);
      }
    }
  }

  private headers(): ReturnType<typeof natsHeaders> {
    const headers = natsHeaders();
    if (this.caller) headers.set(CALLER_HEADER, this.caller);
    return headers;
  }

  private single(subject: string, call: Call, timeoutMs: number): void {
    const headers = this.headers();
    for (const [k, v] of Object.entries(call.trace)) headers.set(k, v);
    this.nc
      .request(subject, encodeRequest(subject, call.data, call.id), { timeout: timeoutMs, headers })
      .then(
        (msg) => call.resolve(decodeReplyPacket(msg.data).reply),
        (error: unknown) => call.reject(failure(error)),
      );
  }

  private async batch(subject: string, calls: Call[], timeoutMs: number): Promise<void> {
    const headers = this.headers();
    headers.set(BATCH_HEADER, String(calls.length));
    const waiting = new Map<string, Call>(calls.map((c) => [c.id, c]));
    const payload = encodeBatch(
      subject,
      calls.map((c) => ({ id: c.id, data: c.data, trace: c.trace })),
    );
    try {
      const replies = await this.nc.requestMany(subject, payload, {
        strategy: RequestStrategy.Count,
        maxMessages: calls.length,
        maxWait: timeoutMs,
        headers,
      });
      for await (const msg of replies) {
        for (const { id, reply } of decodeReplyPackets(msg.data)) {
          if (id === null) {
            // the responder could not read the batch at all
            if ('err' in reply) throw new RpcTransportError('unavailable');
            continue;
          }
          const call = waiting.get(id);
          if (!call) continue;
          waiting.delete(id);
          call.resolve(reply);
        }
        // replies that came together leave fewer messages than calls: stop when all are in
        if (waiting.size === 0) break;
      }
    } catch (error) {
      for (const call of waiting.values()) call.reject(failure(error));
      return;
    }
    // the wait ended before every call was answered
    for (const call of waiting.values()) call.reject(new RpcTransportError('timeout'));
  }
}

function failure(error: unknown): RpcTransportError {
  if (error instanceof RpcTransportError) return error;
  const timedOut = error instanceof NatsError && error.code === String(ErrorCode.Timeout);
  return new RpcTransportError(timedOut ? 'timeout' : 'unavailable');
}

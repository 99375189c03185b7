import { randomUUID } from 'node:crypto';

/**
 * The bytes of an RPC over core NATS. The framing is the one `@nestjs/microservices` uses
 * (`{pattern, data, id}` out, `{id, response | err, isDisposed}` back), so any Nest NATS client
 * or server can still talk to ours; only the per-message machinery around it is leaner.
 */
export interface RequestPacket {
  pattern: string;
  data: unknown;
  id: string;
}

export interface ReplyPacket {
  id: string | null;
  response?: unknown;
  err?: unknown;
  isDisposed: true;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeRequest(pattern: string, data: unknown): Uint8Array {
  const packet: RequestPacket = { pattern, data, id: randomUUID() };
  return encoder.encode(JSON.stringify(packet));
}

/** The request's payload and id; `undefined` when the bytes are not a request packet. */
export function decodeRequest(bytes: Uint8Array): { id: string | null; data: unknown } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const packet = parsed as Partial<RequestPacket>;
  return { id: typeof packet.id === 'string' ? packet.id : null, data: packet.data };
}

export function encodeReply(packet: ReplyPacket): Uint8Array {
  return encoder.encode(JSON.stringify(packet));
}

/** What came back: the handler's response, or the transport-level error the server reported. */
export function decodeReply(bytes: Uint8Array): { response: unknown } | { err: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(bytes));
  } catch {
    return { err: 'reply is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { err: 'reply is not a packet' };
  const packet = parsed as Partial<ReplyPacket>;
  if (packet.err !== undefined && packet.err !== null) {
    return { err: typeof packet.err === 'string' ? packet.err : 'remote error' };
  }
  return { response: packet.response };
}

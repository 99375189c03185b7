import { randomUUID } from 'node:crypto';

/**
 * The bytes of an RPC over core NATS. The framing is the one `@nestjs/microservices` uses
 * (`{pattern, data, id}` out, `{id, response | err, isDisposed}` back), so any Nest NATS client
 * or server can still talk to ours for single calls; batches (below) are our own extension.
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

export function encodeRequest(
  pattern: string,
  data: unknown,
  id: string = randomUUID(),
): Uint8Array {
  const packet: RequestPacket = { pattern, data, id };
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

/** Several replies to calls of one batch, ready at the same moment: a JSON array of packets. */
export function encodeReplies(packets: ReplyPacket[]): Uint8Array {
  return encoder.encode(JSON.stringify(packets));
}

/**
 * A batch: the calls to one subject made in one turn of the event loop, in one message marked with
 * this header (its value: how many). Each item carries its own id and trace context; the caller
 * header of the message applies to all. Each item is answered with a reply packet of its own.
 */
export const BATCH_HEADER = 'x-switchboard-batch';

export interface BatchItem {
  id: string;
  data: unknown;
  /** W3C trace headers of the call. */
  trace: Record<string, string>;
}

export function encodeBatch(pattern: string, items: BatchItem[]): Uint8Array {
  return encoder.encode(JSON.stringify({ pattern, items }));
}

/** The batch's items; `undefined` when the bytes are not a batch packet. */
export function decodeBatch(bytes: Uint8Array): BatchItem[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
  const items = (parsed as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return undefined;
  const valid = items.every(
    (i: unknown) =>
      typeof i === 'object' &&
      i !== null &&
      typeof (i as BatchItem).id === 'string' &&
      typeof (i as BatchItem).trace === 'object' &&
      (i as BatchItem).trace !== null,
  );
  return valid ? (items as BatchItem[]) : undefined;
}

type DecodedReply = { id: string | null; reply: { response: unknown } | { err: string } };

/** A reply packet with the id of the call it answers (batch replies are routed by it). */
export function decodeReplyPacket(bytes: Uint8Array): DecodedReply {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(bytes));
  } catch {
    return { id: null, reply: { err: 'reply is not JSON' } };
  }
  return toDecodedReply(parsed);
}

/** The packets of a reply message to a batch: one packet, or an array of them. */
export function decodeReplyPackets(bytes: Uint8Array): DecodedReply[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(bytes));
  } catch {
    return [{ id: null, reply: { err: 'reply is not JSON' } }];
  }
  return Array.isArray(parsed) ? parsed.map(toDecodedReply) : [toDecodedReply(parsed)];
}

function toDecodedReply(parsed: unknown): DecodedReply {
  if (typeof parsed !== 'object' || parsed === null) {
    return { id: null, reply: { err: 'reply is not a packet' } };
  }
  const packet = parsed as Partial<ReplyPacket>;
  const id = typeof packet.id === 'string' ? packet.id : null;
  if (packet.err !== undefined && packet.err !== null) {
    return { id, reply: { err: typeof packet.err === 'string' ? packet.err : 'remote error' } };
  }
  return { id, reply: { response: packet.response } };
}

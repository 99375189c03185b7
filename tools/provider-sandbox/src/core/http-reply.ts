import type { Response } from 'express';

/** A response computed before it is sent, so a fault can decide to drop it instead. */
export interface HttpReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON; `undefined` sends an empty body. */
  readonly body?: unknown;
}

export function sendReply(res: Response, reply: HttpReply): void {
  res.status(reply.status);
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.body === undefined) res.end();
  else res.json(reply.body);
}

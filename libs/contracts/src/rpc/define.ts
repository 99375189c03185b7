import { z } from 'zod';
import { ErrorBodySchema } from '../errors';

export interface RpcContract<S extends string, Req extends z.ZodType, Rep extends z.ZodType> {
  readonly subject: S;
  readonly request: Req;
  readonly reply: Rep;
}

export function defineRpc<S extends string, Req extends z.ZodType, Rep extends z.ZodType>(
  subject: S,
  request: Req,
  reply: Rep,
): RpcContract<S, Req, Rep> {
  return { subject, request, reply };
}

export type AnyRpc = RpcContract<string, z.ZodType, z.ZodType>;
export type RpcRequest<C extends AnyRpc> = z.infer<C['request']>;
export type RpcReply<C extends AnyRpc> = z.infer<C['reply']>;

/** What travels back over NATS: the reply, or an error with a stable code. */
export const RpcResultSchema = z.union([
  z.strictObject({ ok: z.literal(true), data: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: ErrorBodySchema }),
]);
export type RpcResult = z.infer<typeof RpcResultSchema>;

import { Logger } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import { CodedError, ErrorCodes, type AnyRpc, type RpcResult } from '@switchboard/contracts';
import { context } from '@opentelemetry/api';
import { namespaced } from '../nats/namespace';
import {
  contextFromHeaders,
  inSpan,
  SpanKind,
  type TraceCarrier,
} from '../telemetry/trace-context';
import { describeIssues } from './validation-message';

const logger = new Logger('rpc');

type Handler = (request: unknown, ctx: NatsContext) => unknown;

/**
 * Binds a method to an RPC contract: the request is validated before the method runs, the reply
 * after it returns, and every failure travels back as `{code, message}`. The caller's trace
 * context (W3C headers on the NATS message) becomes the parent of the handler's span.
 */
export function RpcHandler(contract: AnyRpc): MethodDecorator {
  return (target, key, descriptor: PropertyDescriptor) => {
    const original = descriptor.value as Handler;
    descriptor.value = function rpcEntry(this: unknown, data: unknown, ctx: NatsContext) {
      const parent = contextFromHeaders(headersOf(ctx));
      return context.with(parent, () =>
        inSpan(
          `rpc ${contract.subject}`,
          { kind: SpanKind.SERVER },
          async (): Promise<RpcResult> => {
            const request = contract.request.safeParse(data);
            if (!request.success) {
              logger.warn({
                msg: 'rpc request refused',
                subject: contract.subject,
                reason: describeIssues(request.error),
              });
              return {
                ok: false,
                error: { code: ErrorCodes.validation, message: describeIssues(request.error) },
              };
            }
            try {
              const result = await original.call(this, request.data, ctx);
              const reply = contract.reply.safeParse(result);
              if (!reply.success) {
                logger.error({
                  msg: 'rpc reply failed its schema',
                  subject: contract.subject,
                  reason: describeIssues(reply.error),
                });
                return {
                  ok: false,
                  error: { code: ErrorCodes.internal, message: 'reply failed its schema' },
                };
              }
              return { ok: true, data: reply.data };
            } catch (error) {
              if (error instanceof CodedError) return { ok: false, error: error.toBody() };
              logger.error({ msg: 'rpc handler failed', subject: contract.subject, err: error });
              return { ok: false, error: { code: ErrorCodes.internal, message: 'internal error' } };
            }
          },
        ),
      );
    };
    // without parameter metadata Nest passes the payload alone; the context carries the headers
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
    MessagePattern(namespaced(contract.subject))(target, key, descriptor);
    return descriptor;
  };
}

function headersOf(ctx: NatsContext | undefined): TraceCarrier {
  const headers = ctx?.getHeaders?.() as { get(k: string): string } | undefined;
  const carrier: TraceCarrier = {};
  for (const name of ['traceparent', 'tracestate']) {
    const value = headers?.get(name);
    if (value) carrier[name] = value;
  }
  return carrier;
}

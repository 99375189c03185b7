import {
  RpcResultSchema,
  type AnyRpc,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { namespaced, natsAuthOptions } from '@switchboard/platform';
import { connect, type NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CliError, ExitCodes } from './cli-error';
import { required, type CliEnv } from './env';

const TIMEOUT_MS = 15_000;
/** How @nestjs/microservices' NATS transport frames a reply. */
const PacketSchema = z.object({ response: z.unknown().optional(), err: z.unknown().optional() });

/**
 * Calls the services' operator RPCs over NATS as `NATS_USER` (the `ops` user in deploy/nats),
 * framed as @nestjs/microservices expects; request and reply are validated against the contract.
 */
export class NatsRpc {
  private connection?: Promise<NatsConnection>;

  constructor(private readonly env: CliEnv) {}

  async call<C extends AnyRpc>(contract: C, request: RpcRequest<C>): Promise<RpcReply<C>> {
    const data = contract.request.parse(request);
    const nc = await this.connect();
    const subject = namespaced(contract.subject, this.env.NATS_NAMESPACE ?? '');
    let raw: Uint8Array;
    try {
      const msg = await nc.request(
        subject,
        Buffer.from(JSON.stringify({ pattern: subject, data, id: randomUUID() })),
        { timeout: TIMEOUT_MS },
      );
      raw = msg.data;
    } catch (error) {
      const text = String(error);
      if (/PERMISSIONS_VIOLATION|permission/i.test(text)) {
        throw new CliError('forbidden', `NATS user may not call ${contract.subject}`);
      }
      throw new CliError(
        'unavailable',
        `no answer from ${contract.subject}`,
        ExitCodes.unavailable,
      );
    }
    const packet = PacketSchema.safeParse(JSON.parse(Buffer.from(raw).toString('utf8')));
    const result = RpcResultSchema.safeParse(packet.success ? packet.data.response : undefined);
    if (!result.success) throw new CliError('internal', `malformed reply from ${contract.subject}`);
    if (!result.data.ok) throw new CliError(result.data.error.code, result.data.error.message);
    const reply = contract.reply.safeParse(result.data.data);
    if (!reply.success) {
      throw new CliError('internal', `reply of ${contract.subject} failed its schema`);
    }
    return reply.data as RpcReply<C>;
  }

  async close(): Promise<void> {
    if (!this.connection) return;
    const nc = await this.connection.catch(() => undefined);
    await nc?.close();
  }

  private connect(): Promise<NatsConnection> {
    const servers = required(this.env, 'NATS_URL', 'operator commands use NATS RPC');
    const { NATS_USER: user, NATS_PASSWORD: password } = this.env;
    if ((user === undefined) !== (password === undefined)) {
      throw new CliError(
        'config-invalid',
        'NATS_USER and NATS_PASSWORD must be set together',
        ExitCodes.config,
      );
    }
    const auth = user !== undefined && password !== undefined ? { user, password } : undefined;
    this.connection ??= connect({
      servers: servers.split(',').map((s) => s.trim()),
      name: 'switchboard-cli',
      timeout: 5000,
      maxReconnectAttempts: 0,
      ...natsAuthOptions(auth),
    }).catch((error: unknown) => {
      const text = String(error);
      if (/AUTHORIZATION/i.test(text)) {
        throw new CliError('unauthorized', 'NATS refused the credentials', ExitCodes.config);
      }
      throw new CliError('unavailable', `NATS at ${servers} did not answer`, ExitCodes.unavailable);
    });
    return this.connection;
  }
}

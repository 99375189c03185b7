import { connect } from 'nats';
import { randomUUID } from 'node:crypto';

/** Calls a service's RPC subject the way @nestjs/microservices' NATS transport frames it. */
export async function rpcRequest<T>(
  natsUrl: string,
  namespace: string,
  subject: string,
  data: unknown,
): Promise<{ ok: boolean; data?: T; error?: { code: string; message: string } }> {
  const nc = await connect({ servers: natsUrl });
  try {
    const pattern = `${namespace}.${subject}`;
    const msg = await nc.request(
      pattern,
      Buffer.from(JSON.stringify({ pattern, data, id: randomUUID() })),
      { timeout: 10_000 },
    );
    const packet = JSON.parse(Buffer.from(msg.data).toString('utf8')) as {
      response: { ok: boolean; data?: T; error?: { code: string; message: string } };
    };
    return packet.response;
  } finally {
    await nc.close();
  }
}

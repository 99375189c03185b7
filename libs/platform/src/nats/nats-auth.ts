/** Per-service NATS credentials (see deploy/nats): the server's subject permissions hang on the user. */
export interface NatsAuth {
  user: string;
  password: string;
}

/** Who made an RPC request: the calling service's name, set by `RpcClient` on every request. */
export const CALLER_HEADER = 'x-switchboard-caller';

/** `NATS_USER` + `NATS_PASSWORD`, or none (a server without authorization, as in dev and tests). */
export function natsAuthFromEnv(env: {
  NATS_USER?: string;
  NATS_PASSWORD?: string;
}): NatsAuth | undefined {
  if (env.NATS_USER === undefined && env.NATS_PASSWORD === undefined) return undefined;
  if (env.NATS_USER === undefined || env.NATS_PASSWORD === undefined) {
    throw new Error('NATS_USER and NATS_PASSWORD must be set together');
  }
  return { user: env.NATS_USER, password: env.NATS_PASSWORD };
}

/**
 * Connection options for a user: credentials, and reply inboxes under `_INBOX.<user>.` so the
 * server can let each service read only its own replies (an access token in a reply to the gateway
 * is not readable by another service).
 */
export function natsAuthOptions(
  auth: NatsAuth | undefined,
): { user: string; pass: string; inboxPrefix: string } | Record<string, never> {
  if (!auth) return {};
  return { user: auth.user, pass: auth.password, inboxPrefix: `_INBOX.${auth.user}` };
}

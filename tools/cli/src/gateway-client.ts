import { z } from 'zod';
import { CliError, ExitCodes } from './cli-error';
import { required, type CliEnv } from './env';

const TIMEOUT_MS = 15_000;
/** The gateway's error body: `{statusCode, error, message, code}`. */
const ApiErrorSchema = z.object({ code: z.string().max(100), message: z.string().max(2000) });

/** The gateway's HTTP API with the admin API key from SWITCHBOARD_API_KEY. */
export class GatewayClient {
  private readonly base: string;
  private readonly key: string;

  constructor(env: CliEnv) {
    const why = 'account commands call the gateway with an admin API key';
    this.base = required(env, 'SWITCHBOARD_URL', why).replace(/\/+$/, '');
    this.key = required(env, 'SWITCHBOARD_API_KEY', why);
  }

  async get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const url = new URL(`${this.base}${path}`);
    for (const [k, v] of Object.entries(query))
      if (v !== undefined) url.searchParams.set(k, `${v}`);
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { 'x-api-key': this.key, accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new CliError(
        'unavailable',
        `the gateway at ${this.base} did not answer`,
        ExitCodes.unavailable,
      );
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const error = ApiErrorSchema.safeParse(body);
      throw error.success
        ? new CliError(error.data.code, error.data.message)
        : new CliError('http-error', `the gateway answered ${res.status}`);
    }
    return body as T;
  }
}

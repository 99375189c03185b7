import type { NatsContext } from '@nestjs/microservices';
import { CALLER_HEADER } from '@switchboard/platform';

const SERVICE_NAME = /^[a-z][a-z0-9-]{0,63}$/;

/** The calling service named in the request's `x-switchboard-caller` header (for the audit). */
export function callerOf(ctx: NatsContext | undefined): string {
  const headers = ctx?.getHeaders() as { get(name: string): string } | undefined;
  const value = headers?.get(CALLER_HEADER);
  return value && SERVICE_NAME.test(value) ? value : 'unknown';
}

/** The vault acting on its own (scheduled revocation retries, an event it consumed). */
export const VAULT_CALLER = 'token-vault';

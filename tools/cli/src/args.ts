import { CliError, ExitCodes } from './cli-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id argument: a UUID, checked before anything is sent. */
export function uuid(value: string, what: string): string {
  if (!UUID.test(value)) {
    throw new CliError('validation-failed', `${what} must be a UUID`, ExitCodes.usage);
  }
  return value.toLowerCase();
}

export function limit(value: string): number {
  const n = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 500) {
    throw new CliError(
      'validation-failed',
      '--limit must be a whole number from 1 to 500',
      ExitCodes.usage,
    );
  }
  return n;
}

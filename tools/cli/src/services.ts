import { CliError, ExitCodes } from './cli-error';

/** The five services, with the PostgreSQL schema each owns. */
export const SERVICES = {
  gateway: 'gateway',
  oauth: 'oauth',
  'token-vault': 'token_vault',
  'refresh-scheduler': 'refresh_scheduler',
  notifier: 'notifier',
} as const;
export type ServiceName = keyof typeof SERVICES;
export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

export function serviceName(value: string): ServiceName {
  if (!(value in SERVICES)) {
    throw new CliError(
      'validation-failed',
      `unknown service "${value.slice(0, 40)}" (one of ${SERVICE_NAMES.join(', ')})`,
      ExitCodes.usage,
    );
  }
  return value as ServiceName;
}

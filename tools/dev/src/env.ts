/** Dev-mode settings from the environment, validated. Pure: no I/O. */

export const PORT_VARIABLES = {
  gateway: { name: 'GATEWAY_PORT', fallback: 3000 },
  oauth: { name: 'OAUTH_PORT', fallback: 3001 },
  vault: { name: 'VAULT_PORT', fallback: 3002 },
  scheduler: { name: 'SCHEDULER_PORT', fallback: 3003 },
  notifier: { name: 'NOTIFIER_PORT', fallback: 3004 },
  sandbox: { name: 'SANDBOX_PORT', fallback: 4100 },
  sandboxSmtp: { name: 'SANDBOX_SMTP_PORT', fallback: 2525 },
} as const;

export type PortKey = keyof typeof PORT_VARIABLES;
export type DevPorts = Record<PortKey, number>;

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

export interface DevConfig {
  ports: DevPorts;
  databaseUrl: string | undefined;
  natsUrl: string | undefined;
  /** A real mail server; otherwise mail goes to the sandbox's SMTP catcher. */
  smtpUrl: string | undefined;
  logLevel: string;
  /** SWITCHBOARD_DEV_API_KEY: use this admin key instead of the generated one. */
  devApiKey: string | undefined;
  /** NATS_NAMESPACE: prefix for subjects and the stream (several systems on one NATS). */
  natsNamespace: string | undefined;
  /** `<TYPE>_CLIENT_ID` / `<TYPE>_CLIENT_SECRET`: real platform apps. */
  providerCredentials: Record<string, string>;
  /** `OTEL_*`: telemetry settings for every service. */
  telemetry: Record<string, string>;
}

export type ParseResult = { ok: true; config: DevConfig } | { ok: false; errors: string[] };

const CREDENTIAL = /^[A-Z][A-Z0-9_]*_CLIENT_(ID|SECRET)$/;
const TELEMETRY = /^OTEL_[A-Z0-9_]+$/;

export function parseDevEnv(env: NodeJS.ProcessEnv): ParseResult {
  const errors: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };

  const ports = {} as DevPorts;
  for (const [key, { name, fallback }] of Object.entries(PORT_VARIABLES)) {
    const raw = value(name);
    const port = raw === undefined ? fallback : parsePort(raw);
    if (port === undefined) {
      errors.push(`${name} must be an integer from 1 to 65535 (got "${raw}")`);
    }
    ports[key as PortKey] = port ?? fallback;
  }
  errors.push(...duplicatePorts(ports));

  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined && !hasScheme(databaseUrl, ['postgres:', 'postgresql:'])) {
    errors.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const natsUrl = value('NATS_URL');
  if (
    natsUrl !== undefined &&
    !natsUrl.split(',').every((server) => hasScheme(server.trim(), ['nats:', 'tls:']))
  ) {
    errors.push('NATS_URL must be a nats:// (or tls://) URL, or a comma-separated list of them');
  }
  const smtpUrl = value('SMTP_URL');
  if (smtpUrl !== undefined && !hasScheme(smtpUrl, ['smtp:', 'smtps:'])) {
    errors.push('SMTP_URL must be an smtp:// or smtps:// URL');
  }
  const logLevel = value('LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    errors.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const natsNamespace = value('NATS_NAMESPACE');
  if (natsNamespace !== undefined && !/^[a-z][a-z0-9]{0,30}$/.test(natsNamespace)) {
    errors.push('NATS_NAMESPACE must be lowercase letters and digits, starting with a letter');
  }
  const devApiKey = value('SWITCHBOARD_DEV_API_KEY');
  if (devApiKey !== undefined && !/^[\x21-\x7e]+$/.test(devApiKey)) {
    errors.push(
      'SWITCHBOARD_DEV_API_KEY must be printable ASCII without spaces (it is sent in a header)',
    );
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: {
      ports,
      databaseUrl,
      natsUrl,
      smtpUrl,
      logLevel,
      devApiKey,
      natsNamespace,
      providerCredentials: pick(env, CREDENTIAL),
      telemetry: pick(env, TELEMETRY),
    },
  };
}

function parsePort(raw: string): number | undefined {
  if (!/^\d{1,5}$/.test(raw)) return undefined;
  const port = Number(raw);
  return port >= 1 && port <= 65_535 ? port : undefined;
}

function duplicatePorts(ports: DevPorts): string[] {
  const byPort = new Map<number, string[]>();
  for (const [key, port] of Object.entries(ports)) {
    const names = byPort.get(port) ?? [];
    names.push(PORT_VARIABLES[key as PortKey].name);
    byPort.set(port, names);
  }
  return [...byPort.entries()]
    .filter(([, names]) => names.length > 1)
    .map(
      ([port, names]) =>
        `${names.join(' and ')} are ${names.length === 2 ? 'both' : 'all'} ${port}; each needs its own port`,
    );
}

function hasScheme(url: string, schemes: string[]): boolean {
  try {
    return schemes.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function pick(env: NodeJS.ProcessEnv, pattern: RegExp): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [key, raw] of Object.entries(env)) {
    if (pattern.test(key) && raw !== undefined && raw !== '') picked[key] = raw;
  }
  return picked;
}

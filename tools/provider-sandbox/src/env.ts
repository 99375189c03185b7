import { isIP } from 'node:net';

export interface SandboxEnv {
  readonly port: number;
  readonly smtpPort: number;
  readonly host: string;
}

export type EnvResult =
  | { readonly ok: true; readonly env: SandboxEnv }
  | { readonly ok: false; readonly message: string };

const HOSTNAME_PATTERN =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function readPort(
  source: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
): number | { error: string } {
  const raw = source[name];
  if (raw === undefined || raw === '') return fallback;
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) {
    return { error: `${name} must be a port number from 0 to 65535, got ${JSON.stringify(raw)}` };
  }
  return port;
}

/** Reads `SANDBOX_PORT`, `SANDBOX_SMTP_PORT` and `SANDBOX_HOST`; unset or empty means default. */
export function readSandboxEnv(source: NodeJS.ProcessEnv): EnvResult {
  const port = readPort(source, 'SANDBOX_PORT', 4100);
  if (typeof port !== 'number') return { ok: false, message: port.error };
  const smtpPort = readPort(source, 'SANDBOX_SMTP_PORT', 2525);
  if (typeof smtpPort !== 'number') return { ok: false, message: smtpPort.error };
  const rawHost = source.SANDBOX_HOST;
  const host = rawHost === undefined || rawHost === '' ? '127.0.0.1' : rawHost;
  if (isIP(host) === 0 && !HOSTNAME_PATTERN.test(host)) {
    return {
      ok: false,
      message: `SANDBOX_HOST must be an IP address or a host name, got ${JSON.stringify(host)}`,
    };
  }
  return { ok: true, env: { port, smtpPort, host } };
}

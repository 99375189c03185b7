import type { DevConfig } from './env';

/** One process dev mode runs. */
export interface ChildSpec {
  name: string;
  /** Entry point relative to the repo root. */
  entry: string;
  env: Record<string, string>;
  /** Answers 200 once the process is ready. */
  readyUrl: string;
}

export interface ChildInputs {
  config: DevConfig;
  databaseUrl: string;
  natsUrl: string;
  keyringFile: string;
  portalSigningSecret: string;
  adminApiKey: string;
}

export const SANDBOX_ENTRY = 'tools/provider-sandbox/src/main.ts';

export function publicUrl(config: DevConfig): string {
  return `http://localhost:${config.ports.gateway}`;
}

export function sandboxUrl(config: DevConfig): string {
  return `http://127.0.0.1:${config.ports.sandbox}`;
}

/** The provider sandbox: started first, ready when its control API answers. */
export function sandboxSpec(config: DevConfig): ChildSpec {
  return {
    name: 'sandbox',
    entry: SANDBOX_ENTRY,
    env: {
      SANDBOX_PORT: String(config.ports.sandbox),
      SANDBOX_SMTP_PORT: String(config.ports.sandboxSmtp),
      LOG_LEVEL: config.logLevel,
      DEV_MODE: 'true',
    },
    readyUrl: `${sandboxUrl(config)}/_sandbox/stats`,
  };
}

/**
 * The five services with their environment contract. Provider app credentials go only to the
 * services that talk to providers or receive their callbacks (oauth, token-vault, gateway);
 * OTEL_* go to all, with OTEL_SERVICE_NAME set per service.
 */
export function serviceSpecs(inputs: ChildInputs): ChildSpec[] {
  const { config } = inputs;
  const common = {
    DATABASE_URL: inputs.databaseUrl,
    NATS_URL: inputs.natsUrl,
    DEV_MODE: 'true',
    LOG_LEVEL: config.logLevel,
    PUBLIC_URL: publicUrl(config),
    SANDBOX_URL: sandboxUrl(config),
    ...(config.natsNamespace ? { NATS_NAMESPACE: config.natsNamespace } : {}),
  };
  const service = (
    name: string,
    port: number,
    extra: Record<string, string>,
    withCredentials = false,
  ): ChildSpec => ({
    name,
    entry: `services/${name}/src/main.ts`,
    env: {
      ...config.telemetry,
      ...(withCredentials ? config.providerCredentials : {}),
      ...common,
      HTTP_PORT: String(port),
      OTEL_SERVICE_NAME: name,
      ...extra,
    },
    readyUrl: `http://127.0.0.1:${port}/health/ready`,
  });
  const { ports } = config;
  return [
    service('token-vault', ports.vault, { VAULT_KEYRING_FILE: inputs.keyringFile }, true),
    service('oauth', ports.oauth, {}, true),
    service('refresh-scheduler', ports.scheduler, {}),
    service('notifier', ports.notifier, {
      SMTP_URL: config.smtpUrl ?? `smtp://127.0.0.1:${ports.sandboxSmtp}`,
      PORTAL_SIGNING_SECRET: inputs.portalSigningSecret,
    }),
    service(
      'gateway',
      ports.gateway,
      {
        GATEWAY_PORT: String(ports.gateway),
        SWITCHBOARD_ADMIN_API_KEY: inputs.adminApiKey,
        PORTAL_SIGNING_SECRET: inputs.portalSigningSecret,
      },
      true,
    ),
  ];
}

import { parseDevEnv, type DevConfig } from './env';
import { sandboxSpec, serviceSpecs, type ChildInputs } from './services';

function inputs(env: NodeJS.ProcessEnv = {}): ChildInputs {
  const parsed = parseDevEnv(env);
  if (!parsed.ok) throw new Error(parsed.errors.join());
  const config: DevConfig = parsed.config;
  return {
    config,
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/switchboard',
    natsUrl: 'nats://127.0.0.1:4222',
    keyringFile: '/repo/.dev/keyring.json',
    portalSigningSecret: 'portal-secret',
    adminApiKey: 'admin-key',
  };
}

describe('child specs', () => {
  it('starts the sandbox on its ports and checks its control API', () => {
    const spec = sandboxSpec(inputs().config);
    expect(spec).toMatchObject({
      entry: 'tools/provider-sandbox/src/main.ts',
      env: { SANDBOX_PORT: '4100', SANDBOX_SMTP_PORT: '2525' },
      readyUrl: 'http://127.0.0.1:4100/_sandbox/stats',
    });
  });

  it('gives every service the common contract and its own port', () => {
    const specs = serviceSpecs(inputs());
    expect(specs.map((s) => [s.name, s.entry, s.env['HTTP_PORT'], s.readyUrl])).toEqual([
      [
        'token-vault',
        'services/token-vault/src/main.ts',
        '3002',
        'http://127.0.0.1:3002/health/ready',
      ],
      ['oauth', 'services/oauth/src/main.ts', '3001', 'http://127.0.0.1:3001/health/ready'],
      [
        'refresh-scheduler',
        'services/refresh-scheduler/src/main.ts',
        '3003',
        'http://127.0.0.1:3003/health/ready',
      ],
      ['notifier', 'services/notifier/src/main.ts', '3004', 'http://127.0.0.1:3004/health/ready'],
      ['gateway', 'services/gateway/src/main.ts', '3000', 'http://127.0.0.1:3000/health/ready'],
    ]);
    for (const spec of specs) {
      expect(spec.env).toMatchObject({
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/switchboard',
        NATS_URL: 'nats://127.0.0.1:4222',
        DEV_MODE: 'true',
        LOG_LEVEL: 'info',
        PUBLIC_URL: 'http://localhost:3000',
        SANDBOX_URL: 'http://127.0.0.1:4100',
        OTEL_SERVICE_NAME: spec.name,
      });
    }
  });

  it('hands out secrets only where they are needed', () => {
    const byName = Object.fromEntries(serviceSpecs(inputs()).map((s) => [s.name, s.env]));
    expect(byName['token-vault']?.['VAULT_KEYRING_FILE']).toBe('/repo/.dev/keyring.json');
    expect(byName['gateway']).toMatchObject({
      GATEWAY_PORT: '3000',
      SWITCHBOARD_ADMIN_API_KEY: 'admin-key',
      PORTAL_SIGNING_SECRET: 'portal-secret',
    });
    expect(byName['notifier']).toMatchObject({
      SMTP_URL: 'smtp://127.0.0.1:2525',
      PORTAL_SIGNING_SECRET: 'portal-secret',
    });
    for (const name of ['oauth', 'refresh-scheduler', 'notifier', 'gateway']) {
      expect(byName[name]).not.toHaveProperty('VAULT_KEYRING_FILE');
    }
    for (const name of ['token-vault', 'oauth', 'refresh-scheduler', 'notifier']) {
      expect(byName[name]).not.toHaveProperty('SWITCHBOARD_ADMIN_API_KEY');
    }
    expect(byName['oauth']).not.toHaveProperty('PORTAL_SIGNING_SECRET');
  });

  it('passes provider credentials to oauth, vault and gateway, and OTEL_* to all', () => {
    const specs = serviceSpecs(
      inputs({
        TWITTER_CLIENT_ID: 'id',
        TWITTER_CLIENT_SECRET: 'secret',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318',
        OTEL_SERVICE_NAME: 'overridden',
        SMTP_URL: 'smtp://mail:25',
        SANDBOX_SMTP_PORT: '2626',
        GATEWAY_PORT: '8080',
      }),
    );
    const byName = Object.fromEntries(specs.map((s) => [s.name, s.env]));
    for (const name of ['token-vault', 'oauth', 'gateway']) {
      expect(byName[name]).toMatchObject({
        TWITTER_CLIENT_ID: 'id',
        TWITTER_CLIENT_SECRET: 'secret',
      });
    }
    for (const name of ['refresh-scheduler', 'notifier']) {
      expect(byName[name]).not.toHaveProperty('TWITTER_CLIENT_SECRET');
    }
    for (const spec of specs) {
      expect(spec.env['OTEL_EXPORTER_OTLP_ENDPOINT']).toBe('http://otel:4318');
      expect(spec.env['OTEL_SERVICE_NAME']).toBe(spec.name);
      expect(spec.env['PUBLIC_URL']).toBe('http://localhost:8080');
    }
    expect(byName['notifier']?.['SMTP_URL']).toBe('smtp://mail:25');
  });
});

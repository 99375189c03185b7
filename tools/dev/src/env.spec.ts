import { parseDevEnv, type DevConfig } from './env';

function config(env: NodeJS.ProcessEnv): DevConfig {
  const result = parseDevEnv(env);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

function errors(env: NodeJS.ProcessEnv): string[] {
  const result = parseDevEnv(env);
  return result.ok ? [] : result.errors;
}

describe('parseDevEnv', () => {
  it('has the documented defaults', () => {
    expect(config({})).toEqual({
      ports: {
        gateway: 3000,
        oauth: 3001,
        vault: 3002,
        scheduler: 3003,
        notifier: 3004,
        sandbox: 4100,
        sandboxSmtp: 2525,
      },
      databaseUrl: undefined,
      natsUrl: undefined,
      smtpUrl: undefined,
      logLevel: 'info',
      devApiKey: undefined,
      providerCredentials: {},
      telemetry: {},
    });
  });

  it('takes every port from its variable', () => {
    const { ports } = config({
      GATEWAY_PORT: '8000',
      OAUTH_PORT: '8001',
      VAULT_PORT: '8002',
      SCHEDULER_PORT: '8003',
      NOTIFIER_PORT: '8004',
      SANDBOX_PORT: '8100',
      SANDBOX_SMTP_PORT: '8025',
    });
    expect(Object.values(ports)).toEqual([8000, 8001, 8002, 8003, 8004, 8100, 8025]);
  });

  it.each(['0', '65536', 'abc', '30.5', '-1', '3000x', ' 1e3'])(
    'rejects port %j naming the variable',
    (bad) => {
      expect(errors({ GATEWAY_PORT: bad })).toEqual([
        expect.stringMatching(/^GATEWAY_PORT must be an integer from 1 to 65535 \(got ".*"\)$/),
      ]);
    },
  );

  it('accepts the port range edges and treats empty as unset', () => {
    expect(config({ OAUTH_PORT: '1', VAULT_PORT: '65535', GATEWAY_PORT: '' }).ports).toMatchObject({
      oauth: 1,
      vault: 65535,
      gateway: 3000,
    });
  });

  it('rejects two services on one port', () => {
    expect(errors({ OAUTH_PORT: '3000' })).toEqual([
      'GATEWAY_PORT and OAUTH_PORT are both 3000; each needs its own port',
    ]);
  });

  it('validates URLs, log level and the dev API key, reporting every problem at once', () => {
    expect(
      errors({
        DATABASE_URL: 'mysql://x',
        NATS_URL: 'http://x',
        SMTP_URL: 'mail.example.com',
        LOG_LEVEL: 'loud',
        SWITCHBOARD_DEV_API_KEY: 'has space',
        SANDBOX_PORT: 'x',
      }),
    ).toHaveLength(6);
  });

  it('keeps valid URLs, including NATS server lists', () => {
    const parsed = config({
      DATABASE_URL: 'postgresql://u:p@db:5432/sb',
      NATS_URL: 'nats://a:4222, nats://b:4222',
      SMTP_URL: 'smtps://u:p@mail:465',
      LOG_LEVEL: 'debug',
      SWITCHBOARD_DEV_API_KEY: 'my-dev-key-1234567890',
    });
    expect(parsed).toMatchObject({
      databaseUrl: 'postgresql://u:p@db:5432/sb',
      smtpUrl: 'smtps://u:p@mail:465',
      logLevel: 'debug',
      devApiKey: 'my-dev-key-1234567890',
    });
  });

  it('picks provider credentials and OTEL_* variables, nothing else', () => {
    const parsed = config({
      TWITTER_CLIENT_ID: 'tw-id',
      TWITTER_CLIENT_SECRET: 'tw-secret',
      LINKEDIN_PAGE_CLIENT_ID: 'li',
      GOOGLE_BUSINESS_CLIENT_SECRET: '',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      CLIENT_ID: 'no type',
      AWS_SECRET_ACCESS_KEY: 'unrelated',
      twitter_client_id: 'lowercase',
    });
    expect(parsed.providerCredentials).toEqual({
      TWITTER_CLIENT_ID: 'tw-id',
      TWITTER_CLIENT_SECRET: 'tw-secret',
      LINKEDIN_PAGE_CLIENT_ID: 'li',
    });
    expect(parsed.telemetry).toEqual({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' });
  });
});

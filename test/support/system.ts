import {
  freePort,
  killAll,
  spawnProcess,
  testNatsUrl,
  testPostgres,
  uniqueNamespace,
  waitForHttp,
  type ManagedProcess,
  type TestDatabase,
} from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from './api-client';
import { SandboxClient } from './sandbox-client';

export const SERVICES = [
  'token-vault',
  'oauth',
  'refresh-scheduler',
  'notifier',
  'gateway',
] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface SystemOptions {
  /** Use this PostgreSQL server (a fresh database is created on it); default: the test server. */
  postgresUrl?: string;
  /** Use this NATS server; default: the test server. */
  natsUrl?: string;
  /** Extra environment for every service. */
  env?: Record<string, string>;
  /** Start only these services (default: all five), e.g. the vault alone for its own tests. */
  services?: readonly ServiceName[];
  /** Extra environment per service, after `env` (e.g. each one's NATS user). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
}

/**
 * The whole system as separate OS processes: the provider sandbox and the five services, on free
 * ports, with their own database and NATS namespace so runs never collide.
 */
export class System {
  readonly processes = new Map<string, ManagedProcess>();
  readonly ports = new Map<string, number>();
  readonly adminKey = `sbk_admin_${randomBytes(24).toString('base64url')}`;
  /** Signs portal and Reconnect links (gateway and notifier share it). */
  readonly portalSigningSecret = randomBytes(32).toString('base64url');
  readonly namespace = uniqueNamespace('e2e');
  api!: ApiClient;
  sandbox!: SandboxClient;
  gatewayUrl = '';
  keyringFile = '';
  private env: Record<string, string> = {};
  private database?: TestDatabase;

  constructor(private readonly options: SystemOptions = {}) {}

  async start(): Promise<this> {
    const pg = await testPostgres(
      this.options.postgresUrl ? { url: this.options.postgresUrl } : {},
    );
    this.database = await pg.createDatabase('e2e');
    const natsUrl = this.options.natsUrl ?? (await testNatsUrl());
    const dir = mkdtempSync(join(tmpdir(), 'sb-e2e-'));
    const keyring = join(dir, 'keyring.json');
    this.keyringFile = keyring;
    writeFileSync(
      keyring,
      JSON.stringify({
        activeKeyId: 'e2e-1',
        keys: { 'e2e-1': randomBytes(32).toString('base64') },
      }),
      { mode: 0o600 },
    );
    for (const name of ['sandbox', 'smtp', ...SERVICES]) this.ports.set(name, await freePort());
    this.gatewayUrl = `http://127.0.0.1:${this.port('gateway')}`;
    const sandboxUrl = `http://127.0.0.1:${this.port('sandbox')}`;
    this.env = {
      DATABASE_URL: this.database.url,
      NATS_URL: natsUrl,
      NATS_NAMESPACE: this.namespace,
      DEV_MODE: 'true',
      LOG_LEVEL: 'info',
      PUBLIC_URL: this.gatewayUrl,
      SANDBOX_URL: sandboxUrl,
      VAULT_KEYRING_FILE: keyring,
      SMTP_URL: `smtp://127.0.0.1:${this.port('smtp')}`,
      SWITCHBOARD_ADMIN_API_KEY: this.adminKey,
      PORTAL_SIGNING_SECRET: this.portalSigningSecret,
      SCHEDULER_POLL_MS: '200',
      EMAIL_POLL_MS: '200',
      ...this.options.env,
    };
    await this.startProcess('sandbox');
    this.sandbox = new SandboxClient(sandboxUrl);
    // the vault first: it owns the stream's first declaration; then the rest in parallel
    const services = this.options.services ?? SERVICES;
    if (services.includes('token-vault')) await this.startProcess('token-vault');
    await Promise.all(services.filter((s) => s !== 'token-vault').map((s) => this.startProcess(s)));
    this.api = new ApiClient(this.gatewayUrl, this.adminKey);
    return this;
  }

  port(name: string): number {
    const port = this.ports.get(name);
    if (!port) throw new Error(`no port for ${name}`);
    return port;
  }

  get databaseUrl(): string {
    if (!this.database) throw new Error('system not started');
    return this.database.url;
  }

  /** Another instance of a service (`<service>#<n>`), on its own port, sharing everything else. */
  async startReplica(service: ServiceName, index: number): Promise<ManagedProcess> {
    const name = `${service}#${index}`;
    if (!this.ports.has(name)) this.ports.set(name, await freePort());
    return this.startProcess(name);
  }

  async startProcess(name: string): Promise<ManagedProcess> {
    const isSandbox = name === 'sandbox';
    const service = name.split('#')[0] as ServiceName;
    const proc = await spawnProcess({
      name,
      entry: isSandbox ? 'tools/provider-sandbox/src/main.ts' : `services/${service}/src/main.ts`,
      env: isSandbox
        ? {
            SANDBOX_PORT: String(this.port('sandbox')),
            SANDBOX_SMTP_PORT: String(this.port('smtp')),
            SANDBOX_HOST: '127.0.0.1',
          }
        : {
            ...this.env,
            ...this.options.serviceEnv?.[service],
            [service === 'gateway' ? 'GATEWAY_PORT' : 'HTTP_PORT']: String(this.port(name)),
          },
    });
    this.processes.set(name, proc);
    const url = isSandbox
      ? `http://127.0.0.1:${this.port(name)}/_sandbox/stats`
      : `http://127.0.0.1:${this.port(name)}/health/ready`;
    try {
      await waitForHttp(url, { timeoutMs: 60_000 });
    } catch (error) {
      throw new Error(
        `${name} did not become ready:\n${proc.lines.slice(-30).join('\n')}\n${String(error)}`,
      );
    }
    return proc;
  }

  async restart(name: ServiceName): Promise<void> {
    await this.processes.get(name)?.stop();
    await this.startProcess(name);
  }

  /** Every line every process wrote, for the no-secrets-in-logs checks. */
  allLines(): string[] {
    return [...this.processes.values()].flatMap((p) => p.lines);
  }

  /** Names of processes that have exited (none should, unless a test stopped them). */
  exited(): string[] {
    return [...this.processes].filter(([, proc]) => proc.hasExited).map(([name]) => name);
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.processes.values()].map((p) => p.stop()));
    await killAll();
    await this.database?.drop().catch(() => undefined);
  }
}

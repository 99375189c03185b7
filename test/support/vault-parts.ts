import { Logger } from '@nestjs/common';
import { OutboxService } from '@switchboard/bus';
import { dataSourceOptions, migrate, type ServiceDataSourceOptions } from '@switchboard/platform';
import type { ProviderAdapter, ProviderRegistry } from '@switchboard/providers';
import { testPostgres, type TestDatabase } from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DecryptAudit } from '../../services/token-vault/src/audit/decrypt-audit';
import { VaultEnvSchema, type VaultEnv } from '../../services/token-vault/src/config';
import { CredentialRepository } from '../../services/token-vault/src/credentials/credential.repository';
import { CredentialStore } from '../../services/token-vault/src/credentials/credential-store';
import { CredentialsService } from '../../services/token-vault/src/credentials/credentials.service';
import { Envelope } from '../../services/token-vault/src/crypto/envelope';
import { FileKeyring } from '../../services/token-vault/src/crypto/keyring';
import { KeyRingRepository } from '../../services/token-vault/src/keys/key-ring.repository';
import { KeyRingService } from '../../services/token-vault/src/keys/key-ring.service';
import { SealedTables } from '../../services/token-vault/src/keys/sealed-tables';
import { VAULT_MIGRATIONS } from '../../services/token-vault/src/vault-migrations';
import { RefreshService } from '../../services/token-vault/src/refresh/refresh.service';
import { RevokeService } from '../../services/token-vault/src/revoke/revoke.service';

/** A provider registry whose only adapter is the one given (the outside world, stubbed). */
export function stubRegistry(adapter: Partial<ProviderAdapter>): ProviderRegistry {
  const full = { type: 'TWITTER', refreshRotates: true, ...adapter } as ProviderAdapter;
  return {
    get: () => full,
    supported: () => ['TWITTER'],
    fromConfig: () => full,
  };
}

/**
 * The vault's services wired by hand on a fresh database (real PostgreSQL, real migrations, real
 * outbox table), for focused tests of one mechanism. `replica()` builds another set sharing the
 * database, as a second vault process would.
 */
export class VaultParts {
  readonly dataSources: DataSource[] = [];
  private readonly closers: (() => Promise<void> | void)[] = [];

  private constructor(
    readonly database: TestDatabase,
    readonly env: VaultEnv,
  ) {}

  static async create(env: Record<string, string> = {}): Promise<VaultParts> {
    Logger.overrideLogger(false); // expected failures log errors; the assertions say what matters
    const database = await (await testPostgres()).createDatabase('vault');
    const dir = mkdtempSync(join(tmpdir(), 'sb-vault-'));
    const keyringFile = join(dir, 'keyring.json');
    writeFileSync(
      keyringFile,
      JSON.stringify({ activeKeyId: 'k1', keys: { k1: randomBytes(32).toString('base64') } }),
      { mode: 0o600 },
    );
    const parsed = VaultEnvSchema.parse({
      DATABASE_URL: database.url,
      NATS_URL: 'nats://127.0.0.1:4222',
      VAULT_KEYRING_FILE: keyringFile,
      ...env,
    });
    const options: ServiceDataSourceOptions = {
      url: database.url,
      schema: 'token_vault',
      entities: [],
      migrations: VAULT_MIGRATIONS,
    };
    await migrate(options);
    return new VaultParts(database, parsed);
  }

  /** One replica's services with `providers` as the outside world. */
  async replica(providers: ProviderRegistry) {
    const dataSource = new DataSource(
      dataSourceOptions({
        url: this.database.url,
        schema: 'token_vault',
        entities: [],
        migrations: [],
      }),
    );
    await dataSource.initialize();
    this.dataSources.push(dataSource);
    const keys = FileKeyring.fromFile(this.env.VAULT_KEYRING_FILE);
    const envelope = new Envelope(keys);
    const keyRing = new KeyRingService(
      dataSource,
      new KeyRingRepository(dataSource),
      new SealedTables(dataSource),
      envelope,
      keys,
      this.env,
    );
    await keyRing.onModuleInit();
    const audit = new DecryptAudit(this.env);
    audit.onModuleInit();
    this.closers.push(
      () => keyRing.onModuleDestroy(),
      async () => {
        await audit.beforeApplicationShutdown();
        await audit.onApplicationShutdown();
      },
    );
    const outbox = new OutboxService({
      schema: 'token_vault',
      source: 'switchboard/token-vault',
      service: 'token-vault',
    });
    const repo = new CredentialRepository(dataSource);
    const store = new CredentialStore(envelope);
    const refresher = new RefreshService(
      dataSource,
      repo,
      store,
      keyRing,
      outbox,
      audit,
      providers,
      this.env,
    );
    const credentials = new CredentialsService(
      dataSource,
      repo,
      store,
      keyRing,
      refresher,
      audit,
      this.env,
    );
    const revoker = new RevokeService(dataSource, repo, store, outbox, audit, providers, this.env);
    return {
      dataSource,
      keys,
      envelope,
      keyRing,
      audit,
      repo,
      store,
      refresher,
      credentials,
      revoker,
    };
  }

  async query<R>(text: string, values: unknown[] = []): Promise<R[]> {
    return this.dataSources[0].query<R[]>(text, values);
  }

  async close(): Promise<void> {
    for (const close of this.closers) await close();
    for (const ds of this.dataSources) await ds.destroy();
    await this.database.drop();
  }
}

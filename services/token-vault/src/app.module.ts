import { DynamicModule, Module } from '@nestjs/common';
import { BusModule } from '@switchboard/bus';
import { PlatformModule, type AppLogger } from '@switchboard/platform';
import { AppAdapters } from './apps/app-adapters';
import { AppSecretsService } from './apps/app-secrets.service';
import { AppsController } from './apps/apps.controller';
import { CustomProvidersController } from './custom-providers/custom-providers.controller';
import { CustomProvidersService } from './custom-providers/custom-providers.service';
import { AuditController } from './audit/audit.controller';
import { AuditRepository } from './audit/audit.repository';
import { DecryptAudit } from './audit/decrypt-audit';
import { VAULT_ENV, type VaultEnv } from './config';
import { cryptoProviders } from './crypto/crypto.provider';
import { CredentialRepository } from './credentials/credential.repository';
import { CredentialStore } from './credentials/credential-store';
import { CredentialCopyService } from './credentials/credential-copy.service';
import { CredentialsService } from './credentials/credentials.service';
import { DisconnectConsumer } from './events/disconnect.consumer';
import { GrantsController } from './grants/grants.controller';
import { GrantsService } from './grants/grants.service';
import { KeyRingRepository } from './keys/key-ring.repository';
import { KeyRingService } from './keys/key-ring.service';
import { KeysController } from './keys/keys.controller';
import { RewrapJob } from './keys/rewrap.job';
import { SealedTables } from './keys/sealed-tables';
import { providersProvider } from './providers.provider';
import { RefreshService } from './refresh/refresh.service';
import { RevocationWorker } from './revoke/revocation.worker';
import { RevokeService } from './revoke/revoke.service';
import { VaultController } from './vault.controller';
import { VAULT_MIGRATIONS } from './vault-migrations';

export const VAULT_SCHEMA = 'token_vault';

@Module({})
export class AppModule {
  static forRoot(env: VaultEnv, logger: AppLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          service: 'token-vault',
          env,
          logger,
          database: {
            schema: VAULT_SCHEMA,
            entities: [],
            migrations: VAULT_MIGRATIONS,
          },
        }),
        BusModule.forRoot({
          schema: VAULT_SCHEMA,
          source: 'switchboard/token-vault',
          service: 'token-vault',
        }),
      ],
      controllers: [
        VaultController,
        GrantsController,
        KeysController,
        AuditController,
        AppsController,
        CustomProvidersController,
      ],
      providers: [
        { provide: VAULT_ENV, useValue: env },
        ...cryptoProviders,
        providersProvider,
        CredentialRepository,
        CredentialStore,
        CredentialsService,
        CredentialCopyService,
        RefreshService,
        RevokeService,
        RevocationWorker,
        DisconnectConsumer,
        SealedTables,
        KeyRingRepository,
        KeyRingService,
        RewrapJob,
        DecryptAudit,
        AuditRepository,
        GrantsService,
        AppSecretsService,
        AppAdapters,
        CustomProvidersService,
      ],
    };
  }
}

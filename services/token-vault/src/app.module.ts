import { DynamicModule, Module } from '@nestjs/common';
import { BusModule } from '@switchboard/bus';
import { PlatformModule, type AppLogger } from '@switchboard/platform';
import { VAULT_ENV, type VaultEnv } from './config';
import { cryptoProviders } from './crypto/crypto.provider';
import { CredentialEntity } from './credentials/credential.entity';
import { CredentialStore } from './credentials/credential-store';
import { CredentialsService } from './credentials/credentials.service';
import { GrantsController } from './grants/grants.controller';
import { GrantsService } from './grants/grants.service';
import { Init1763769600000 } from './migrations/1763769600000-init';
import { Grants1763800000000 } from './migrations/1763800000000-grants';
import { providersProvider } from './providers.provider';
import { RefreshService } from './refresh/refresh.service';
import { RevokeService } from './revoke/revoke.service';
import { VaultController } from './vault.controller';

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
            entities: [CredentialEntity],
            migrations: [Init1763769600000, Grants1763800000000],
          },
        }),
        BusModule.forRoot({
          schema: VAULT_SCHEMA,
          source: 'switchboard/token-vault',
          service: 'token-vault',
        }),
      ],
      controllers: [VaultController, GrantsController],
      providers: [
        { provide: VAULT_ENV, useValue: env },
        ...cryptoProviders,
        providersProvider,
        CredentialStore,
        CredentialsService,
        RefreshService,
        RevokeService,
        GrantsService,
      ],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { BusModule } from '@switchboard/bus';
import { PlatformModule, type AppLogger } from '@switchboard/platform';
import { AppResolver } from './apps/app-resolver.service';
import { AppsController } from './apps/apps.controller';
import { CustomProvidersController } from './custom-providers/custom-providers.controller';
import { CustomProvidersService } from './custom-providers/custom-providers.service';
import { InstanceAppsService } from './apps/instance-apps.service';
import { TeamAppsService } from './apps/team-apps.service';
import { CallbackService } from './callback/callback.service';
import { DirectConnectController } from './direct/direct-connect.controller';
import { DirectConnectService } from './direct/direct-connect.service';
import { Apps1764100000000 } from './migrations/1764100000000-apps';
import { FlowContext1764200000000 } from './migrations/1764200000000-flow-context';
import { SelectionClaimedAt1764400000000 } from './migrations/1764400000000-selection-claimed-at';
import { OAUTH_ENV, type OAuthEnv } from './config';
import { ConnectionEntity } from './connections/connection.entity';
import { FlowEntity } from './flow/flow.entity';
import { FlowService } from './flow/flow.service';
import { ConnectionCopier } from './connections/connection-copier.service';
import { ConnectionWriter } from './connections/connection-writer.service';
import { Init1763769600000 } from './migrations/1763769600000-init';
import { Selection1763800000000 } from './migrations/1763800000000-selection';
import { DeletionRequests1763800100000 } from './migrations/1763800100000-deletion-requests';
import { PushRevocationController } from './revocation/push-revocation.controller';
import { PushRevocationService } from './revocation/push-revocation.service';
import { SelectionController } from './selection/selection.controller';
import { SelectionService } from './selection/selection.service';
import { OAuthController } from './oauth.controller';
import { providersProvider } from './providers.provider';

export const OAUTH_SCHEMA = 'oauth';

@Module({})
export class AppModule {
  static forRoot(env: OAuthEnv, logger: AppLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          service: 'oauth',
          env,
          logger,
          database: {
            schema: OAUTH_SCHEMA,
            entities: [FlowEntity, ConnectionEntity],
            migrations: [
              Init1763769600000,
              Selection1763800000000,
              DeletionRequests1763800100000,
              Apps1764100000000,
              FlowContext1764200000000,
              SelectionClaimedAt1764400000000,
            ],
          },
        }),
        BusModule.forRoot({ schema: OAUTH_SCHEMA, source: 'switchboard/oauth', service: 'oauth' }),
      ],
      controllers: [
        OAuthController,
        SelectionController,
        PushRevocationController,
        AppsController,
        DirectConnectController,
        CustomProvidersController,
      ],
      providers: [
        { provide: OAUTH_ENV, useValue: env },
        providersProvider,
        FlowService,
        CallbackService,
        ConnectionWriter,
        ConnectionCopier,
        SelectionService,
        PushRevocationService,
        AppResolver,
        CustomProvidersService,
        InstanceAppsService,
        TeamAppsService,
        DirectConnectService,
      ],
    };
  }
}

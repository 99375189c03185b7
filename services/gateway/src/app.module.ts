import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { BusModule } from '@switchboard/bus';
import { PlatformModule, type AppLogger } from '@switchboard/platform';
import { AccountEntity } from './accounts/account.entity';
import { AccountCopyService } from './accounts/account-copy.service';
import { AccountManagementController } from './accounts/account-management.controller';
import { AccountManagementService } from './accounts/account-management.service';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { TimelineController } from './accounts/timeline.controller';
import { RegistryConsumer } from './accounts/registry.consumer';
import { RegistryService } from './accounts/registry.service';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { ApiKeyGuard } from './api-keys/api-key.guard';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { GATEWAY_ENV, type GatewayEnv } from './config';
import { ConnectController } from './connect/connect.controller';
import { BlueskyClientController } from './bluesky/bluesky-client.controller';
import { ProvidersController } from './providers/providers.controller';
import { ConnectService } from './connect/connect.service';
import { DirectConnectService } from './connect/direct-connect.service';
import { TeamAppsController } from './teams/team-apps.controller';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { AuditController } from './audit/audit.controller';
import { AuditInterceptor } from './audit/audit.interceptor';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { LimitsController } from './limits/limits.controller';
import { LimitsService } from './limits/limits.service';
import { Init1763769600000 } from './migrations/1763769600000-init';
import { AccountManagement1763800000000 } from './migrations/1763800000000-account-management';
import { PortalLinks1764200000000 } from './migrations/1764200000000-portal-links';
import { PageAssetsController } from './portal/page-assets.controller';
import { PageAttemptsService } from './portal/page-attempts.service';
import { PageLinksController } from './portal/page-links.controller';
import { PageLinksService } from './portal/page-links.service';
import { PortalController } from './portal/portal.controller';
import { AccountsPageController } from './accounts-page/accounts-page.controller';
import { AccountsPageService } from './accounts-page/accounts-page.service';
import { AccountsPageStreamController } from './accounts-page/accounts-page-stream.controller';
import { SlotExternalId1763950000000 } from './migrations/1763950000000-slot-external-id';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationPreferencesController } from './notifications/notification-preferences.controller';
import { NotificationStreamController } from './notifications/notification-stream.controller';
import { ReconnectController } from './reconnect/reconnect.controller';
import { ReconnectService } from './reconnect/reconnect.service';
import { WebhooksController } from './webhooks/webhooks.controller';
import { RecipientsController } from './recipients/recipients.controller';
import { MemberEntity } from './teams/member.entity';
import { TeamEntity } from './teams/team.entity';
import { PlatformCallbacksController } from './platform-callbacks/platform-callbacks.controller';
import { SlackEventsController } from './platform-callbacks/slack-events.controller';
import { SelectionController } from './selection/selection.controller';
import { CorsPolicy } from './teams/cors-policy.service';
import { MemberErasureService } from './teams/member-erasure.service';
import { TeamsController } from './teams/teams.controller';
import { TeamsService } from './teams/teams.service';

export const GATEWAY_SCHEMA = 'gateway';

@Module({})
export class AppModule {
  static forRoot(env: GatewayEnv, logger: AppLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          service: 'gateway',
          env,
          logger,
          database: {
            schema: GATEWAY_SCHEMA,
            entities: [TeamEntity, MemberEntity, ApiKeyEntity, AccountEntity],
            migrations: [
              Init1763769600000,
              AccountManagement1763800000000,
              SlotExternalId1763950000000,
              PortalLinks1764200000000,
            ],
          },
        }),
        BusModule.forRoot({
          schema: GATEWAY_SCHEMA,
          source: 'switchboard/gateway',
          service: 'gateway',
        }),
      ],
      controllers: [
        TeamsController,
        ApiKeysController,
        ConnectController,
        BlueskyClientController,
        ProvidersController,
        TeamAppsController,
        AccountsController,
        TimelineController,
        AccountManagementController,
        LimitsController,
        AuditController,
        NotificationsController,
        NotificationStreamController,
        NotificationPreferencesController,
        WebhooksController,
        ReconnectController,
        RecipientsController,
        SelectionController,
        PlatformCallbacksController,
        SlackEventsController,
        PageLinksController,
        PortalController,
        PageAssetsController,
        AccountsPageController,
        AccountsPageStreamController,
      ],
      providers: [
        { provide: GATEWAY_ENV, useValue: env },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        TeamsService,
        MemberErasureService,
        CorsPolicy,
        ApiKeysService,
        RegistryService,
        RegistryConsumer,
        AccountsService,
        AccountManagementService,
        AccountCopyService,
        LimitsService,
        ConnectService,
        DirectConnectService,
        ReconnectService,
        PageLinksService,
        PageAttemptsService,
        AccountsPageService,
      ],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { BusModule } from '@switchboard/bus';
import { PlatformModule, type AppLogger } from '@switchboard/platform';
import { AccountsProjection } from './accounts/accounts.projection';
import { NOTIFIER_ENV, type NotifierEnv } from './config';
import { EmailDispatcherService } from './email/email-dispatcher.service';
import { AccountEventsHandler } from './events/account-events.handler';
import { MemberErasedHandler } from './events/member-erased.handler';
import { ConnectFailedHandler } from './events/connect-failed.handler';
import { ExpiryEventsHandler } from './events/expiry-events.handler';
import { NotifierConsumer } from './events/notifier.consumer';
import { InboxController } from './inbox/inbox.controller';
import { InboxRepository } from './inbox/inbox.repository';
import { ReconnectLinksService } from './links/reconnect-links.service';
import { LiveNoticesPublisher } from './live/live-notices.publisher';
import { NoticeRelayService } from './live/notice-relay.service';
import { MessageRenderer } from './messages/renderer';
import { Init1763769600000 } from './migrations/1763769600000-init';
import { Channels1764000000000 } from './migrations/1764000000000-channels';
import { EmailTrace1764300000000 } from './migrations/1764300000000-email-trace';
import { NoticeWriter } from './notices/notice-writer.service';
import { PreferencesController } from './preferences/preferences.controller';
import { PreferencesRepository } from './preferences/preferences.repository';
import { ProblemsRepository } from './problems/problems.repository';
import { ReminderScheduler } from './problems/reminder.scheduler';
import { RecipientsService } from './recipients/recipients.service';
import { WebhookDeliveriesRepository } from './webhooks/webhook-deliveries.repository';
import { WebhookDispatcherService } from './webhooks/webhook-dispatcher.service';
import { WebhookFanout } from './webhooks/webhook-fanout.service';
import { WebhookHealthService } from './webhooks/webhook-health.service';
import { WebhookSender } from './webhooks/webhook-sender';
import { WebhookSubscriptionsRepository } from './webhooks/webhook-subscriptions.repository';
import { WebhooksController } from './webhooks/webhooks.controller';

export const NOTIFIER_SCHEMA = 'notifier';

@Module({})
export class AppModule {
  static forRoot(env: NotifierEnv, logger: AppLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          service: 'notifier',
          env,
          logger,
          database: {
            schema: NOTIFIER_SCHEMA,
            entities: [],
            migrations: [Init1763769600000, Channels1764000000000, EmailTrace1764300000000],
          },
        }),
        BusModule.forRoot({
          schema: NOTIFIER_SCHEMA,
          source: 'switchboard/notifier',
          service: 'notifier',
        }),
      ],
      controllers: [InboxController, PreferencesController, WebhooksController],
      providers: [
        { provide: NOTIFIER_ENV, useValue: env },
        AccountsProjection,
        MessageRenderer,
        ReconnectLinksService,
        PreferencesRepository,
        RecipientsService,
        NoticeWriter,
        ProblemsRepository,
        WebhookSubscriptionsRepository,
        WebhookDeliveriesRepository,
        WebhookFanout,
        WebhookSender,
        WebhookHealthService,
        WebhookDispatcherService,
        AccountEventsHandler,
        ExpiryEventsHandler,
        ConnectFailedHandler,
        MemberErasedHandler,
        NotifierConsumer,
        EmailDispatcherService,
        ReminderScheduler,
        InboxRepository,
        LiveNoticesPublisher,
        NoticeRelayService,
      ],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { BusModule } from '@switchboard/bus';
import { PlatformModule, type AppLogger } from '@switchboard/platform';
import { AccountsProjection } from './accounts/accounts.projection';
import { NOTIFIER_ENV, type NotifierEnv } from './config';
import { EmailDispatcherService } from './email/email-dispatcher.service';
import { NotifierConsumer } from './events/notifier.consumer';
import { NotifyService } from './events/notify.service';
import { InboxController } from './inbox/inbox.controller';
import { Init1763769600000 } from './migrations/1763769600000-init';

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
          database: { schema: NOTIFIER_SCHEMA, entities: [], migrations: [Init1763769600000] },
        }),
        BusModule.forRoot({
          schema: NOTIFIER_SCHEMA,
          source: 'switchboard/notifier',
          service: 'notifier',
        }),
      ],
      controllers: [InboxController],
      providers: [
        { provide: NOTIFIER_ENV, useValue: env },
        AccountsProjection,
        NotifyService,
        NotifierConsumer,
        EmailDispatcherService,
      ],
    };
  }
}

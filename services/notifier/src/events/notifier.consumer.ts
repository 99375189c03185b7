import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import {
  ACCOUNT_CONNECTED_V1,
  ACCOUNT_RECONNECTED_V1,
  REFRESH_FAILED_V1,
} from '@switchboard/contracts';
import { EventConsumer } from '@switchboard/bus';
import { AccountsProjection } from '../accounts/accounts.projection';
import { NotifyService } from './notify.service';

@Injectable()
export class NotifierConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly accounts: AccountsProjection,
    private readonly notify: NotifyService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start({
      handlers: {
        [ACCOUNT_CONNECTED_V1]: (e, tx) => this.accounts.upsert(e.data, tx),
        [ACCOUNT_RECONNECTED_V1]: (e, tx) => this.accounts.upsert(e.data, tx),
        [REFRESH_FAILED_V1]: (e, tx) => this.notify.refreshFailed(e, tx),
      },
    });
  }
}

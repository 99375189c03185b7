import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import {
  ACCOUNT_CONNECTED_V1,
  ACCOUNT_DISCONNECTED_V1,
  ACCOUNT_RECONNECTED_V1,
  REFRESH_FAILED_V1,
  TOKEN_REFRESHED_V1,
  TOKEN_REVOKED_V1,
} from '@switchboard/contracts';
import { EventConsumer } from '@switchboard/bus';
import { ScheduleService } from './schedule.service';

@Injectable()
export class ScheduleConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly schedules: ScheduleService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start({
      handlers: {
        [ACCOUNT_CONNECTED_V1]: (e, tx) => this.schedules.plan(e.data, tx),
        [ACCOUNT_RECONNECTED_V1]: (e, tx) => this.schedules.plan(e.data, tx),
        [TOKEN_REFRESHED_V1]: (e, tx) => this.schedules.refreshed(e.data, tx),
        [REFRESH_FAILED_V1]: (e, tx) =>
          this.schedules.stop(e.data.connectionId, 'dead', e.data.credentialVersion, tx),
        [ACCOUNT_DISCONNECTED_V1]: (e, tx) =>
          this.schedules.stop(e.data.connectionId, 'stopped', null, tx),
        [TOKEN_REVOKED_V1]: (e, tx) =>
          this.schedules.stop(e.data.connectionId, 'stopped', null, tx),
      },
    });
  }
}

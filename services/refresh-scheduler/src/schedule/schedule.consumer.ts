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

/** The events that change a connection's credential, each handled once (inbox) per replica set. */
@Injectable()
export class ScheduleConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly schedules: ScheduleService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start({
      handlers: {
        [ACCOUNT_CONNECTED_V1]: (e, tx) => this.schedules.connected(e.data, 'connected', tx),
        [ACCOUNT_RECONNECTED_V1]: (e, tx) => this.schedules.connected(e.data, 'reconnected', tx),
        [TOKEN_REFRESHED_V1]: (e, tx) => this.schedules.refreshed(e.data, tx),
        [REFRESH_FAILED_V1]: (e, tx) => this.schedules.refreshFailed(e.data, tx),
        [ACCOUNT_DISCONNECTED_V1]: (e, tx) => this.schedules.stopped(e.data, 'disconnected', tx),
        [TOKEN_REVOKED_V1]: (e, tx) => this.schedules.stopped(e.data, 'revoked', tx),
      },
      alreadyApplied: {
        // with several replicas, half the refreshes are announced to the one that did not make
        // them; the one that did has settled the row already
        [TOKEN_REFRESHED_V1]: (events) => this.schedules.refreshedApplied(events),
      },
    });
  }
}

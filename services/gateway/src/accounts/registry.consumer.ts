import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import {
  ACCOUNT_CONNECTED_V1,
  ACCOUNT_DISCONNECTED_V1,
  ACCOUNT_RECONNECTED_V1,
  REFRESH_FAILED_V1,
  TOKEN_EXPIRING_V1,
  TOKEN_REFRESHED_V1,
  TOKEN_REVOKED_V1,
} from '@switchboard/contracts';
import { EventConsumer } from '@switchboard/bus';
import { RegistryService } from './registry.service';

/** Feeds the registry from the event stream. */
@Injectable()
export class RegistryConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly registry: RegistryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start({
      handlers: {
        [ACCOUNT_CONNECTED_V1]: (e, tx) => this.registry.upsertConnected(e.data, tx),
        [ACCOUNT_RECONNECTED_V1]: (e, tx) => this.registry.upsertConnected(e.data, tx),
        [TOKEN_REFRESHED_V1]: (e, tx) => this.registry.applyRefreshed(e.data, tx),
        [REFRESH_FAILED_V1]: (e, tx) => this.registry.applyRefreshFailed(e.data, tx),
        [TOKEN_EXPIRING_V1]: (e, tx) => this.registry.applyExpiring(e.data, tx),
        [ACCOUNT_DISCONNECTED_V1]: (e, tx) => this.registry.applyDisconnected(e.data, tx),
        [TOKEN_REVOKED_V1]: (e, tx) => this.registry.applyDisconnected(e.data, tx),
      },
    });
  }
}

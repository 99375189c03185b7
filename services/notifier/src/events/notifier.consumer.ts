import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import {
  ACCOUNT_CONNECTED_V1,
  ACCOUNT_DISCONNECTED_V1,
  ACCOUNT_RECONNECTED_V1,
  CONNECT_FAILED_V1,
  MEMBER_ERASED_V1,
  REFRESH_FAILED_V1,
  TOKEN_EXPIRING_V1,
  TOKEN_REFRESHED_V1,
  TOKEN_REVOKED_V1,
} from '@switchboard/contracts';
import { EventConsumer } from '@switchboard/bus';
import { AccountEventsHandler } from './account-events.handler';
import { ConnectFailedHandler } from './connect-failed.handler';
import { ExpiryEventsHandler } from './expiry-events.handler';
import { MemberErasedHandler } from './member-erased.handler';

/**
 * Every handler runs in the consumer's transaction with its inbox row, so one event id acts once;
 * the dedupe keys underneath make the same fact published again under a new id act once too.
 */
@Injectable()
export class NotifierConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly accounts: AccountEventsHandler,
    private readonly expiry: ExpiryEventsHandler,
    private readonly connectFailed: ConnectFailedHandler,
    private readonly memberErased: MemberErasedHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start({
      handlers: {
        [ACCOUNT_CONNECTED_V1]: (e, tx) => this.accounts.connected(e, tx),
        [ACCOUNT_RECONNECTED_V1]: (e, tx) => this.accounts.connected(e, tx),
        [ACCOUNT_DISCONNECTED_V1]: (e, tx) => this.accounts.disconnected(e, tx),
        [TOKEN_REVOKED_V1]: (e, tx) => this.accounts.revoked(e, tx),
        [TOKEN_REFRESHED_V1]: (e, tx) => this.accounts.refreshed(e, tx),
        [TOKEN_EXPIRING_V1]: (e, tx) => this.expiry.tokenExpiring(e, tx),
        [REFRESH_FAILED_V1]: (e, tx) => this.expiry.refreshFailed(e, tx),
        [CONNECT_FAILED_V1]: (e, tx) => this.connectFailed.handle(e, tx),
        [MEMBER_ERASED_V1]: (e, tx) => this.memberErased.handle(e, tx),
      },
    });
  }
}

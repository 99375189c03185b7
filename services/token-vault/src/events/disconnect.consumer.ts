import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ACCOUNT_DISCONNECTED_V1 } from '@switchboard/contracts';
import { EventConsumer } from '@switchboard/bus';
import { RevocationWorker } from '../revoke/revocation.worker';
import { RevokeService } from '../revoke/revoke.service';

/**
 * Revocations run inside the vault: a disconnected account's credential is marked unusable in the
 * same transaction as the event's inbox row (exactly once); the disconnect's own `vault.revoke`
 * call, or else the revocation worker, revokes at the platform, shreds and publishes `TokenRevoked`.
 */
@Injectable()
export class DisconnectConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly revoker: RevokeService,
    private readonly worker: RevocationWorker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start({
      handlers: {
        [ACCOUNT_DISCONNECTED_V1]: async (e, tx) => {
          const { marked, dueNow } = await this.revoker.markDisconnected(tx, e.data);
          if (marked && dueNow) setTimeout(() => this.worker.poke(), 50);
        },
      },
    });
  }
}

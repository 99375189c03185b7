import { Inject, Injectable, Logger } from '@nestjs/common';
import { noticeLiveSubject, type LiveNoticeMessage, type Notice } from '@switchboard/contracts';
import { NATS_CONNECTION, namespaced } from '@switchboard/platform';
import type { NatsConnection } from 'nats';

/** Announces notices on core NATS (`<ns>.notifier.live.<teamId>`); the gateway's SSE relays them. */
@Injectable()
export class LiveNoticesPublisher {
  private readonly logger = new Logger('live');

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  publish(event: LiveNoticeMessage['event'], notice: Notice): void {
    const message: LiveNoticeMessage = { event, notice, at: new Date().toISOString() };
    try {
      this.nc.publish(namespaced(noticeLiveSubject(notice.teamId)), JSON.stringify(message));
    } catch (error) {
      // live updates are best effort: the inbox itself is the record
      this.logger.warn({ msg: 'live notice not published', error: String(error).slice(0, 200) });
    }
  }
}

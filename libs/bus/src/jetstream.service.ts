import { Inject, Injectable, Logger } from '@nestjs/common';
import { eventsStreamName, eventsSubjectPrefix, NATS_CONNECTION } from '@switchboard/platform';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  nanos,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
} from 'nats';

export interface ConsumerSettings {
  durable: string;
  ackWaitMs: number;
  maxDeliver: number;
  backoffMs: number[];
  /** The one subject it receives; every event when absent. */
  filterSubject?: string;
}

/** Declares the event stream and durable consumers; safe to call on every start (idempotent). */
@Injectable()
export class JetStreamService {
  private readonly logger = new Logger('jetstream');
  private manager?: JetStreamManager;

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  get streamName(): string {
    return eventsStreamName();
  }

  client(): JetStreamClient {
    return this.nc.jetstream();
  }

  async jsm(): Promise<JetStreamManager> {
    this.manager ??= await this.nc.jetstreamManager();
    return this.manager;
  }

  async ensureStream(): Promise<void> {
    const jsm = await this.jsm();
    const config = {
      name: this.streamName,
      subjects: [`${eventsSubjectPrefix()}.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: nanos(7 * 24 * 3600 * 1000),
      duplicate_window: nanos(2 * 60 * 1000),
      num_replicas: 1,
    };
    try {
      await jsm.streams.info(this.streamName);
      await jsm.streams.update(this.streamName, config);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await jsm.streams.add(config);
      this.logger.log({ msg: 'stream created', stream: this.streamName });
    }
  }

  async ensureConsumer(settings: ConsumerSettings): Promise<void> {
    const jsm = await this.jsm();
    const config = {
      durable_name: settings.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(settings.ackWaitMs),
      max_deliver: settings.maxDeliver,
      backoff: settings.backoffMs.map((ms) => nanos(ms)),
      filter_subject: settings.filterSubject ?? `${eventsSubjectPrefix()}.>`,
      max_ack_pending: 1000,
    };
    try {
      const info = await jsm.consumers.info(this.streamName, settings.durable);
      const update = {
        ack_wait: config.ack_wait,
        max_deliver: config.max_deliver,
        backoff: config.backoff,
        max_ack_pending: config.max_ack_pending,
      };
      if (info.config.filter_subject === config.filter_subject) {
        await jsm.consumers.update(this.streamName, settings.durable, update);
        return;
      }
      await jsm.consumers
        .update(this.streamName, settings.durable, {
          ...update,
          filter_subject: config.filter_subject,
        })
        .catch(async (error: unknown) => {
          // servers before 2.10 cannot change a durable's filter: it keeps receiving more than it
          // handles (and acknowledges the rest), which is correct, only slower
          this.logger.warn({
            msg: 'consumer filter not changed',
            durable: settings.durable,
            error: String(error).slice(0, 200),
          });
          await jsm.consumers.update(this.streamName, settings.durable, update);
        });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await jsm.consumers.add(this.streamName, config);
      this.logger.log({ msg: 'consumer created', durable: settings.durable });
    }
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { code?: string; api_error?: { err_code?: number }; message?: string };
  return (
    e?.api_error?.err_code === 10059 ||
    e?.api_error?.err_code === 10014 ||
    e?.code === '404' ||
    /not found/i.test(e?.message ?? '')
  );
}

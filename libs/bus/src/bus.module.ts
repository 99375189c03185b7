import { Controller, DynamicModule, Module, type Type } from '@nestjs/common';
import {
  deadLettersList,
  deadLettersReplay,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { BUS_OPTIONS, type BusOptions } from './bus.options';
import { busStatusController, BusStatusService } from './bus-status.service';
import { DeadLetterService } from './dead-letter.service';
import { EventConsumer } from './event.consumer';
import { JetStreamService } from './jetstream.service';
import { OutboxRelay } from './outbox.relay';
import { OutboxService } from './outbox.service';

function deadLetterController(service: string): Type {
  const list = deadLettersList(service);
  const replay = deadLettersReplay(service);

  @Controller()
  class DeadLetterRpcController {
    constructor(private readonly deadLetters: DeadLetterService) {}

    @RpcHandler(list)
    async list(req: RpcRequest<typeof list>): Promise<RpcReply<typeof list>> {
      return this.deadLetters.list(req.limit, req.cursor, req.includeReplayed);
    }

    @RpcHandler(replay)
    async replay(req: RpcRequest<typeof replay>): Promise<RpcReply<typeof replay>> {
      return { replayed: await this.deadLetters.replay(req.id) };
    }
  }
  return DeadLetterRpcController;
}

/** Outbox + relay, the durable consumer with its inbox, and dead letters, for one service. */
@Module({})
export class BusModule {
  static forRoot(options: BusOptions): DynamicModule {
    return {
      module: BusModule,
      global: true,
      controllers: [deadLetterController(options.service), busStatusController(options.service)],
      providers: [
        { provide: BUS_OPTIONS, useValue: options },
        JetStreamService,
        OutboxService,
        OutboxRelay,
        EventConsumer,
        DeadLetterService,
        BusStatusService,
      ],
      exports: [OutboxService, EventConsumer, DeadLetterService, JetStreamService],
    };
  }
}

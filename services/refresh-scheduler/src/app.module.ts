import { DynamicModule, Module } from '@nestjs/common';
import { BusModule } from '@switchboard/bus';
import { PlatformModule, type AppLogger } from '@switchboard/platform';
import { AttemptsRepository } from './attempts/attempts.repository';
import { ClaimLoopService } from './claims/claim-loop.service';
import { SCHEDULER_ENV, type SchedulerEnv } from './config';
import { Init1763769600000 } from './migrations/1763769600000-init';
import { ScheduleConsumer } from './schedule/schedule.consumer';
import { ScheduleService } from './schedule/schedule.service';

export const SCHEDULER_SCHEMA = 'refresh_scheduler';

@Module({})
export class AppModule {
  static forRoot(env: SchedulerEnv, logger: AppLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          service: 'refresh-scheduler',
          env,
          logger,
          database: { schema: SCHEDULER_SCHEMA, entities: [], migrations: [Init1763769600000] },
        }),
        BusModule.forRoot({
          schema: SCHEDULER_SCHEMA,
          source: 'switchboard/refresh-scheduler',
          service: 'refresh-scheduler',
        }),
      ],
      providers: [
        { provide: SCHEDULER_ENV, useValue: env },
        ScheduleService,
        ScheduleConsumer,
        AttemptsRepository,
        ClaimLoopService,
      ],
    };
  }
}

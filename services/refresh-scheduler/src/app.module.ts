import { DynamicModule, Module } from '@nestjs/common';
import { BusModule } from '@switchboard/bus';
import { PlatformModule, type AppLogger } from '@switchboard/platform';
import { BudgetsService } from './budgets/budgets.service';
import { RateBudgetRepository } from './budgets/rate-budget.repository';
import { ClaimLoopService } from './claims/claim-loop.service';
import { OutcomeService } from './claims/outcome.service';
import { RefreshWorker } from './claims/refresh.worker';
import { SCHEDULER_ENV, type SchedulerEnv } from './config';
import { LadderService } from './ladder/ladder.service';
import { RetentionService } from './maintenance/retention.service';
import { BacklogMetrics } from './metrics/backlog.metrics';
import { Init1763769600000 } from './migrations/1763769600000-init';
import { RefreshAtScale1763900000000 } from './migrations/1763900000000-refresh-at-scale';
import { PolicyTable } from './policy/platform-policy';
import { ScheduleConsumer } from './schedule/schedule.consumer';
import { ScheduleService } from './schedule/schedule.service';
import { TimelineController } from './timeline/timeline.controller';
import { TimelineRepository } from './timeline/timeline.repository';

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
          database: {
            schema: SCHEDULER_SCHEMA,
            entities: [],
            migrations: [Init1763769600000, RefreshAtScale1763900000000],
          },
        }),
        BusModule.forRoot({
          schema: SCHEDULER_SCHEMA,
          source: 'switchboard/refresh-scheduler',
          service: 'refresh-scheduler',
        }),
      ],
      controllers: [TimelineController],
      providers: [
        { provide: SCHEDULER_ENV, useValue: env },
        { provide: PolicyTable, useValue: new PolicyTable(env.SCHEDULER_POLICY_OVERRIDES) },
        TimelineRepository,
        LadderService,
        ScheduleService,
        ScheduleConsumer,
        RateBudgetRepository,
        BudgetsService,
        OutcomeService,
        RefreshWorker,
        ClaimLoopService,
        BacklogMetrics,
        RetentionService,
      ],
    };
  }
}

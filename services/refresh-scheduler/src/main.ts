import {
  bootstrapService,
  createLogger,
  loadConfigOrExit,
  startTelemetry,
} from '@switchboard/platform';
import { AppModule } from './app.module';
import { SchedulerEnvSchema } from './config';

startTelemetry('refresh-scheduler');
const env = loadConfigOrExit('refresh-scheduler', SchedulerEnvSchema);
const logger = createLogger('refresh-scheduler', env.LOG_LEVEL);

void bootstrapService({
  service: 'refresh-scheduler',
  module: AppModule.forRoot(env, logger),
  env,
  port: env.HTTP_PORT,
  logger,
  rpcServer: true,
});

import {
  bootstrapService,
  createLogger,
  loadConfigOrExit,
  startTelemetry,
} from '@switchboard/platform';
import { AppModule } from './app.module';
import { NotifierEnvSchema } from './config';

startTelemetry('notifier');
const env = loadConfigOrExit('notifier', NotifierEnvSchema);
const logger = createLogger('notifier', env.LOG_LEVEL);

void bootstrapService({
  service: 'notifier',
  module: AppModule.forRoot(env, logger),
  env,
  port: env.HTTP_PORT,
  logger,
  rpcServer: true,
});

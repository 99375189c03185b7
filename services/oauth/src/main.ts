import {
  bootstrapService,
  createLogger,
  loadConfigOrExit,
  startTelemetry,
} from '@switchboard/platform';
import { AppModule } from './app.module';
import { OAuthEnvSchema } from './config';

startTelemetry('oauth');
const env = loadConfigOrExit('oauth', OAuthEnvSchema);
const logger = createLogger('oauth', env.LOG_LEVEL);

void bootstrapService({
  service: 'oauth',
  module: AppModule.forRoot(env, logger),
  env,
  port: env.HTTP_PORT,
  logger,
  rpcServer: true,
});

import {
  bootstrapService,
  createLogger,
  loadConfigOrExit,
  startTelemetry,
} from '@switchboard/platform';
import { AppModule } from './app.module';
import { VaultEnvSchema } from './config';

startTelemetry('token-vault');
const env = loadConfigOrExit('token-vault', VaultEnvSchema);
const logger = createLogger('token-vault', env.LOG_LEVEL);

void bootstrapService({
  service: 'token-vault',
  module: AppModule.forRoot(env, logger),
  env,
  port: env.HTTP_PORT,
  logger,
  rpcServer: true,
});

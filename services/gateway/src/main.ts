import {
  bootstrapService,
  createLogger,
  loadConfigOrExit,
  startTelemetry,
} from '@switchboard/platform';
import cookieParser from 'cookie-parser';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { raw as rawBody } from 'express';
import { AppModule } from './app.module';
import { GatewayEnvSchema } from './config';
import { setupOpenApi } from './http/openapi';
import { SLACK_EVENTS_PATH } from './platform-callbacks/slack-events.controller';
import { CorsPolicy } from './teams/cors-policy.service';

startTelemetry('gateway');
const env = loadConfigOrExit('gateway', GatewayEnvSchema);
const logger = createLogger('gateway', env.LOG_LEVEL);

void bootstrapService({
  service: 'gateway',
  module: AppModule.forRoot(env, logger),
  env,
  port: env.GATEWAY_PORT,
  logger,
  rpcServer: true,
  configure: (app) => {
    const express = app as NestExpressApplication;
    express.use(cookieParser());
    express.disable('x-powered-by');
    express.set('query parser', 'simple');
    // Slack signs the raw body: that route gets it unparsed (Nest's JSON parser then skips it).
    express.use(SLACK_EVENTS_PATH, rawBody({ type: () => true, limit: '64kb' }));
    setupOpenApi(app, env.PUBLIC_URL);
    const cors = app.get(CorsPolicy);
    express.enableCors({
      origin: (origin: string | undefined, done: (err: Error | null, allow?: boolean) => void) => {
        if (!origin) return done(null, false);
        cors.allows(origin).then(
          (allowed) => done(null, allowed),
          () => done(null, false),
        );
      },
      allowedHeaders: ['content-type', 'x-api-key', 'idempotency-key'],
      exposedHeaders: ['retry-after', 'idempotent-replayed'],
      maxAge: 600,
    });
  },
});

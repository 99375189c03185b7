import express, { type ErrorRequestHandler, type Express } from 'express';

import { platformRouter } from './core/oauth/platform-router';
import type { SandboxState } from './core/sandbox-state';
import { controlRouter } from './control/control.router';
import { loadControls } from './control/load.router';
import type { Mailbox } from './mailbox/mailbox';
import { mailRouter } from './mailbox/mail.router';
import type { SmtpReceiver } from './mailbox/smtp-receiver';
import { PLATFORMS } from './platforms/registry';
import { mountTelegram } from './platforms/telegram/telegram.bot-api';

export interface AppDependencies {
  readonly state: SandboxState;
  readonly mailbox: Mailbox;
  readonly smtp: SmtpReceiver;
  readonly onUnexpectedError: (error: unknown) => void;
}

export function createApp({ state, mailbox, smtp, onUnexpectedError }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const load = loadControls(state);
  app.use(load.delayTokenCalls);
  app.use('/_sandbox', load.router);
  app.use(
    '/_sandbox',
    controlRouter(state, () => {
      mailbox.clear();
      smtp.setDown(false);
    }),
  );
  app.use('/_sandbox', mailRouter(mailbox, smtp));

  for (const platform of PLATFORMS) {
    app.use(platform.basePath, platformRouter(state, platform));
    const { metadata } = platform.paths;
    const document = platform.metadata?.bind(platform);
    if (metadata !== undefined && document !== undefined) {
      // RFC 8414 3: the metadata of issuer `/generic` also lives at `/.well-known/…/generic`.
      app.get(`${metadata}${platform.basePath}`, (_req, res) => {
        res.json(document(`${state.origin}${platform.basePath}`));
      });
    }
  }

  mountTelegram(app, state);

  app.use((req, res) => {
    res.status(404).json({ code: 'not-found', message: `No route for ${req.method} ${req.path}` });
  });
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    onUnexpectedError(error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(500).json({ code: 'internal-error', message: 'Unexpected sandbox error' });
  };
  app.use(onError);
  return app;
}

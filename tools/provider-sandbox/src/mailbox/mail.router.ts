import express, { type Router } from 'express';
import { z } from 'zod';

import { controlBodyErrorHandler, parseOr400 } from '../control/control-errors';
import type { Mailbox } from './mailbox';
import type { SmtpReceiver } from './smtp-receiver';

const MailQuerySchema = z.strictObject({ to: z.string().min(1).max(320).optional() });
const SmtpStateSchema = z.strictObject({ down: z.boolean() });

/** `/_sandbox/mail` to read and clear received mail, `/_sandbox/smtp` to take SMTP down. */
export function mailRouter(mailbox: Mailbox, smtp: SmtpReceiver): Router {
  const router = express.Router();
  router.use(express.json({ limit: '10kb' }));

  router.get('/mail', (req, res) => {
    const query = parseOr400(MailQuerySchema, req.query, res);
    if (query === undefined) return;
    res.json({ items: mailbox.list(query.to) });
  });

  router.delete('/mail', (_req, res) => {
    mailbox.clear();
    res.json({ cleared: true });
  });

  router.post('/smtp', (req, res) => {
    const body = parseOr400(SmtpStateSchema, req.body, res);
    if (body === undefined) return;
    smtp.setDown(body.down);
    res.json({ down: smtp.isDown });
  });

  router.use(controlBodyErrorHandler);
  return router;
}

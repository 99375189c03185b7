import type { Request, Response } from 'express';

import { sendReply } from '../http-reply';
import type { PlatformDefinition } from '../platform';
import type { Fault } from '../state/faults';
import { invalidGrant } from './oauth-error';

/** How long an injected `timeout` holds a request before dropping the connection. */
export const TIMEOUT_HOLD_MS = 30_000;

/**
 * Answers a token call with an injected fault. `drop-response` is not handled here: the caller
 * performs the grant first and then drops the connection.
 */
export function answerWithFault(
  fault: Fault,
  platform: PlatformDefinition,
  req: Request,
  res: Response,
  nowMs: number,
): void {
  switch (fault.kind) {
    case '429':
      sendReply(res, platform.responses.rateLimited(fault.retryAfterSeconds, nowMs));
      return;
    case '500':
      sendReply(res, platform.responses.serverError());
      return;
    case 'invalid_grant':
      sendReply(res, platform.responses.tokenError(invalidGrant('Injected fault: invalid_grant')));
      return;
    case 'timeout':
      holdWithoutAnswer(req, res);
      return;
    case 'drop-response':
      dropConnection(req);
      return;
  }
}

/** Never answers; the socket is dropped after the hold, or sooner if the client or server closes. */
function holdWithoutAnswer(req: Request, res: Response): void {
  const timer = setTimeout(() => dropConnection(req), TIMEOUT_HOLD_MS);
  timer.unref();
  res.on('close', () => clearTimeout(timer));
}

export function dropConnection(req: Request): void {
  req.socket.destroy();
}

import type { ErrorRequestHandler, Response } from 'express';
import type { z } from 'zod';

import { isClientError } from '../core/client-error';
import { describeZodError } from '../core/zod-issues';

/** The control API's error body, the same `{code, message}` shape the services use. */
export interface ControlErrorBody {
  readonly code: 'validation-failed' | 'not-found' | 'internal-error';
  readonly message: string;
}

export function sendControlError(res: Response, status: number, body: ControlErrorBody): void {
  res.status(status).json(body);
}

/** Parses `input`, or answers 400 `validation-failed` and returns `undefined`. */
export function parseOr400<T>(schema: z.ZodType<T>, input: unknown, res: Response): T | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  sendControlError(res, 400, {
    code: 'validation-failed',
    message: describeZodError(parsed.error),
  });
  return undefined;
}

/** Unparseable JSON and other body errors are the caller's fault: 400, same shape. */
export const controlBodyErrorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (isClientError(error)) {
    sendControlError(res, 400, { code: 'validation-failed', message: 'Malformed request body' });
    return;
  }
  next(error);
};

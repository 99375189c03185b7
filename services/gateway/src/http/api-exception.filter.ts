import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { CodedError } from '@switchboard/contracts';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { RateLimitedError } from '../rate-limit/rate-limiter';
import { HTTP_STATUS_BY_CODE, type ApiErrorBody } from './api-error';

/** One body for every error: `{statusCode, error, message, code}`; a 500 shows only an errorId. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error({
        msg: 'request failed',
        errorId: body.errorId,
        code: body.code,
        err: exception,
      });
    }
    if (exception instanceof RateLimitedError && !res.headersSent) {
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof CodedError) {
      const statusCode = HTTP_STATUS_BY_CODE[exception.code] ?? HttpStatus.BAD_REQUEST;
      return this.body(statusCode, exception.code, exception.message);
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const code =
        typeof response === 'object' && response !== null && 'code' in response
          ? String(response.code)
          : statusCode === 404
            ? 'not-found'
            : statusCode === 400
              ? 'validation-failed'
              : `http-${statusCode}`;
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? String(response.message)
          : exception.message;
      return this.body(statusCode, code, message);
    }
    return this.body(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'internal-error',
      'internal error',
      randomUUID(),
    );
  }

  private body(statusCode: number, code: string, message: string, errorId?: string): ApiErrorBody {
    const result: ApiErrorBody = {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message,
      code,
    };
    if (errorId) result.errorId = errorId;
    return result;
  }
}

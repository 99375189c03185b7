import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { CodedError, ErrorCodes } from '@switchboard/contracts';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AuthedRequest } from '../api-keys/api-key.guard';

interface StoredRow {
  method: string;
  path: string;
  body_hash: string;
  status: number | null;
  response: unknown;
}

/**
 * `Idempotency-Key` on POSTs: the first answer is stored per API key and key; a retry with the
 * same key and body gets that answer again and nothing runs twice. The same key with another
 * body is refused; a retry while the first is still running gets 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (req.method !== 'POST' || !key || !req.principal) return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return from(this.run(req, res, key, req.principal.keyId, next, status));
  }

  private async run(
    req: AuthedRequest,
    res: Response,
    key: string,
    keyId: string,
    next: CallHandler,
    status: number,
  ): Promise<unknown> {
    if (key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
      throw new CodedError(ErrorCodes.validation, 'Idempotency-Key: 1 to 200 printable characters');
    }
    const path = req.originalUrl.split('?')[0];
    const bodyHash = createHash('sha256')
      .update(JSON.stringify(req.body ?? null))
      .digest('hex');
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO gateway.idempotency (key_id, idem_key, method, path, body_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING key_id`,
      [keyId, key, req.method, path, bodyHash],
    );
    if (inserted.length === 0) return this.replay(res, keyId, key, path, bodyHash);
    try {
      const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.dataSource.query(
        `UPDATE gateway.idempotency SET status = $3, response = $4 WHERE key_id = $1 AND idem_key = $2`,
        [keyId, key, status, JSON.stringify(body ?? null)],
      );
      return body;
    } catch (error) {
      // a failed request may be retried with the same key
      await this.dataSource.query(
        `DELETE FROM gateway.idempotency WHERE key_id = $1 AND idem_key = $2`,
        [keyId, key],
      );
      throw error;
    }
  }

  private async replay(
    res: Response,
    keyId: string,
    key: string,
    path: string,
    bodyHash: string,
  ): Promise<unknown> {
    const rows: StoredRow[] = await this.dataSource.query(
      `SELECT method, path, body_hash, status, response FROM gateway.idempotency WHERE key_id = $1 AND idem_key = $2`,
      [keyId, key],
    );
    const row = rows[0];
    if (!row || row.path !== path || row.body_hash !== bodyHash) {
      throw new CodedError(
        'idempotency-key-reused',
        'this Idempotency-Key was used for a different request',
      );
    }
    if (row.status === null)
      throw new CodedError(
        'idempotency-key-in-progress',
        'the first request with this Idempotency-Key is still running',
      );
    res.status(row.status);
    res.setHeader('Idempotent-Replayed', 'true');
    return row.response;
  }
}

import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AuthedRequest } from '../api-keys/api-key.guard';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Who did what through the API: key, route, target, outcome, time — for every change. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('audit');

  constructor(private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    if (!MUTATING.has(req.method) || !req.principal) return next.handle();
    const principal = req.principal;
    const route = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
    const params = req.params as Record<string, string | undefined>;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const target = params.id ?? params.selectionId ?? params.memberId ?? params.teamId ?? null;
    const teamId =
      params.teamId ?? (typeof body.teamId === 'string' ? body.teamId : null) ?? principal.teamId;
    // written before the answer leaves, so a caller that reads the log next finds the entry
    const record = (status: number): Promise<void> =>
      this.dataSource
        .query(
          `INSERT INTO gateway.audit_log (key_id, team_id, method, route, target_id, status) VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            principal.keyId,
            /^[0-9a-f-]{36}$/i.test(teamId ?? '') ? teamId : null,
            req.method,
            route,
            target,
            status,
          ],
        )
        .then(
          () => undefined,
          (error: unknown) =>
            this.logger.warn({ msg: 'audit write failed', error: String(error).slice(0, 200) }),
        );
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      mergeMap(async (value: unknown) => {
        await record(res.statusCode);
        return value;
      }),
      catchError((error: unknown) =>
        from(record(statusOf(error))).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }
}

function statusOf(error: unknown): number {
  if (
    error &&
    typeof error === 'object' &&
    'getStatus' in error &&
    typeof error.getStatus === 'function'
  ) {
    return Number((error as { getStatus: () => number }).getStatus());
  }
  return error && typeof error === 'object' && 'code' in error ? 400 : 500;
}

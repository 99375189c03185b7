import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller } from '../api-keys/principal.decorator';
import { requireTeam, type Principal } from '../api-keys/principal';
import { CodedError, ErrorCodes } from '@switchboard/contracts';
import { PageQuery } from '../http/cursor';
import { ApiZod } from '../http/api-zod.decorator';
import { ZodPipe } from '../http/zod.pipe';
import { DataSource } from 'typeorm';

const AuditQuery = z.strictObject({ teamId: z.uuid(), ...PageQuery });

export interface AuditEntry {
  id: string;
  keyId: string;
  method: string;
  route: string;
  targetId: string | null;
  status: number;
  at: string;
}

@Controller('api/v1/audit-log')
export class AuditController {
  constructor(private readonly dataSource: DataSource) {}

  @ApiZod({ query: AuditQuery })
  @Get()
  async list(
    @Caller() caller: Principal,
    @Query(new ZodPipe(AuditQuery)) q: z.infer<typeof AuditQuery>,
  ): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    requireTeam(caller, q.teamId);
    const after = q.cursor ? Number(Buffer.from(q.cursor, 'base64url').toString('utf8')) : 0;
    if (!Number.isSafeInteger(after) || after < 0)
      throw new CodedError(ErrorCodes.validation, 'cursor: not a cursor this API returned');
    const rows: {
      id: string;
      key_id: string;
      method: string;
      route: string;
      target_id: string | null;
      status: number;
      at: Date;
    }[] = await this.dataSource.query(
      `SELECT id::text, key_id, method, route, target_id, status, at FROM gateway.audit_log
         WHERE team_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
      [q.teamId, after, q.limit + 1],
    );
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        keyId: r.key_id,
        method: r.method,
        route: r.route,
        targetId: r.target_id,
        status: r.status,
        at: r.at.toISOString(),
      })),
      nextCursor: rows.length > q.limit && last ? Buffer.from(last.id).toString('base64url') : null,
    };
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  NotifierInboxMarkAllRead,
  NotifierInboxMarkRead,
  NotifierInboxQuery,
  type RpcReply,
} from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { z } from 'zod';
import { Caller } from '../api-keys/principal.decorator';
import { requireScope, requireTeam, type Principal } from '../api-keys/principal';
import { PageQuery } from '../http/cursor';
import { uuidParam } from '../http/uuid.pipe';
import { ZodPipe } from '../http/zod.pipe';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const ListQuery = z.strictObject({
  teamId: z.uuid(),
  memberId: z.uuid().optional(),
  connectionId: z.uuid().optional(),
  unread: flag.optional(),
  ...PageQuery,
});
const ReadAllBody = z.strictObject({ teamId: z.uuid(), memberId: z.uuid().optional() });

/** The in-app inbox: list (with the unread count), mark read; the live stream is beside it. */
@Controller('api/v1/notification')
export class NotificationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  list(
    @Caller() caller: Principal,
    @Query(new ZodPipe(ListQuery)) q: z.infer<typeof ListQuery>,
  ): Promise<RpcReply<typeof NotifierInboxQuery>> {
    requireTeam(caller, q.teamId);
    requireScope(caller, 'accounts:read');
    return this.rpc.call(NotifierInboxQuery, {
      teamId: q.teamId,
      memberId: q.memberId ?? null,
      connectionId: q.connectionId ?? null,
      unreadOnly: q.unread ?? false,
      limit: q.limit,
      cursor: q.cursor ?? null,
    });
  }

  @Post('read-all')
  @HttpCode(200)
  readAll(
    @Caller() caller: Principal,
    @Body(new ZodPipe(ReadAllBody)) body: z.infer<typeof ReadAllBody>,
  ): Promise<RpcReply<typeof NotifierInboxMarkAllRead>> {
    requireTeam(caller, body.teamId);
    requireScope(caller, 'accounts:read');
    return this.rpc.call(NotifierInboxMarkAllRead, {
      teamId: body.teamId,
      memberId: body.memberId ?? null,
    });
  }

  @Post(':id/read')
  @HttpCode(200)
  read(
    @Caller() caller: Principal,
    @Param('id', uuidParam) id: string,
  ): Promise<RpcReply<typeof NotifierInboxMarkRead>> {
    requireScope(caller, 'accounts:read');
    return this.rpc.call(NotifierInboxMarkRead, {
      teamId: caller.isAdmin ? null : caller.teamId,
      id,
    });
  }
}

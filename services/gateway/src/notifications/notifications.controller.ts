import { Controller, Get, Query } from '@nestjs/common';
import { NotifierInboxList, type RpcReply } from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { z } from 'zod';
import { Caller } from '../api-keys/principal.decorator';
import { requireScope, requireTeam, type Principal } from '../api-keys/principal';
import { PageQuery } from '../http/cursor';
import { ZodPipe } from '../http/zod.pipe';

const ListQuery = z.strictObject({ teamId: z.uuid(), memberId: z.uuid().optional(), ...PageQuery });

@Controller('api/v1/notification')
export class NotificationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  list(
    @Caller() caller: Principal,
    @Query(new ZodPipe(ListQuery)) q: z.infer<typeof ListQuery>,
  ): Promise<RpcReply<typeof NotifierInboxList>> {
    requireTeam(caller, q.teamId);
    requireScope(caller, 'accounts:read');
    return this.rpc.call(NotifierInboxList, {
      teamId: q.teamId,
      memberId: q.memberId ?? null,
      limit: q.limit,
      cursor: q.cursor ?? null,
    });
  }
}

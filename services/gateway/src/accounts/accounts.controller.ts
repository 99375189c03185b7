import { Controller, Get, Param, Query } from '@nestjs/common';
import type { RpcReply, VaultTokenGet } from '@switchboard/contracts';
import { z } from 'zod';
import { Caller } from '../api-keys/principal.decorator';
import { requireScope, requireTeam, type Principal } from '../api-keys/principal';
import { PageQuery } from '../http/cursor';
import { uuidParam } from '../http/uuid.pipe';
import { ApiZod } from '../http/api-zod.decorator';
import { ZodPipe } from '../http/zod.pipe';
import { AccountsService } from './accounts.service';
import { accountView, type AccountView } from './account.view';

const ListQuery = z.strictObject({ teamId: z.uuid(), ...PageQuery });

@Controller('api/v1/social-account')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @ApiZod({ query: ListQuery })
  @Get()
  list(
    @Caller() caller: Principal,
    @Query(new ZodPipe(ListQuery)) q: z.infer<typeof ListQuery>,
  ): Promise<{ items: AccountView[]; nextCursor: string | null }> {
    requireTeam(caller, q.teamId);
    requireScope(caller, 'accounts:read');
    return this.accounts.list(q.teamId, q.limit, q.cursor);
  }

  @ApiZod({})
  @Get(':id')
  async get(@Caller() caller: Principal, @Param('id', uuidParam) id: string): Promise<AccountView> {
    requireScope(caller, 'accounts:read');
    return accountView(await this.accounts.find(id, caller.isAdmin ? null : caller.teamId));
  }

  @ApiZod({})
  @Get(':id/token')
  async token(
    @Caller() caller: Principal,
    @Param('id', uuidParam) id: string,
  ): Promise<RpcReply<typeof VaultTokenGet>> {
    requireScope(caller, 'tokens:read');
    const account = await this.accounts.find(id, caller.isAdmin ? null : caller.teamId);
    return this.accounts.token(account);
  }
}

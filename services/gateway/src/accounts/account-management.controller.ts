import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller } from '../api-keys/principal.decorator';
import { requireScope, requireTeam, type Principal } from '../api-keys/principal';
import { uuidParam } from '../http/uuid.pipe';
import { ApiZod } from '../http/api-zod.decorator';
import { ZodPipe } from '../http/zod.pipe';
import { AccountCopyService } from './account-copy.service';
import { AccountManagementService, type Hold } from './account-management.service';
import { AccountsService } from './accounts.service';
import { accountView, type AccountView } from './account.view';

const DisconnectQuery = z.strictObject({ force: z.enum(['true', 'false']).default('false') });
const ReconnectBody = z.strictObject({ redirectUrl: z.string().min(1).max(2000).optional() });
const CopyBody = z.strictObject({ targetTeamId: z.uuid() });
const HoldBody = z.strictObject({
  reason: z.string().trim().min(1).max(200),
  count: z.number().int().min(0).max(1_000_000),
});

@Controller('api/v1/social-account')
export class AccountManagementController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly management: AccountManagementService,
    private readonly copier: AccountCopyService,
  ) {}

  @ApiZod({ query: DisconnectQuery })
  @Delete(':id')
  @HttpCode(204)
  async disconnect(
    @Caller() caller: Principal,
    @Param('id', uuidParam) id: string,
    @Query(new ZodPipe(DisconnectQuery)) q: z.infer<typeof DisconnectQuery>,
  ): Promise<void> {
    requireScope(caller, 'accounts:write');
    const account = await this.accounts.find(id, caller.isAdmin ? null : caller.teamId);
    await this.management.disconnect(account, q.force === 'true');
  }

  @ApiZod({ body: ReconnectBody })
  @Post(':id/reconnect')
  async reconnect(
    @Caller() caller: Principal,
    @Param('id', uuidParam) id: string,
    @Body(new ZodPipe(ReconnectBody)) body: z.infer<typeof ReconnectBody>,
  ): Promise<{ url: string }> {
    requireScope(caller, 'accounts:write');
    const account = await this.accounts.find(id, caller.isAdmin ? null : caller.teamId);
    return this.management.reconnectUrl(account, body.redirectUrl);
  }

  @ApiZod({})
  @Post(':id/main')
  @HttpCode(200)
  async setMain(
    @Caller() caller: Principal,
    @Param('id', uuidParam) id: string,
  ): Promise<AccountView> {
    requireScope(caller, 'accounts:write');
    const account = await this.accounts.find(id, caller.isAdmin ? null : caller.teamId);
    await this.management.setMain(account);
    return accountView(await this.accounts.find(id, account.teamId));
  }

  /**
   * A copy in another team with its own credential. The key must see both teams: a team key sees
   * only its own, so in practice this takes an admin key (another team's id answers 404).
   */
  @ApiZod({ body: CopyBody })
  @Post(':id/copy')
  async copy(
    @Caller() caller: Principal,
    @Param('id', uuidParam) id: string,
    @Body(new ZodPipe(CopyBody)) body: z.infer<typeof CopyBody>,
  ): Promise<AccountView> {
    requireScope(caller, 'accounts:write');
    const account = await this.accounts.find(id, caller.isAdmin ? null : caller.teamId);
    requireTeam(caller, body.targetTeamId);
    const copyId = await this.copier.copy(account, body.targetTeamId);
    return accountView(await this.accounts.find(copyId, body.targetTeamId));
  }

  @ApiZod({})
  @Get(':id/hold')
  async getHold(
    @Caller() caller: Principal,
    @Param('id', uuidParam) id: string,
  ): Promise<{ hold: Hold | null }> {
    requireScope(caller, 'accounts:read');
    const account = await this.accounts.find(id, caller.isAdmin ? null : caller.teamId);
    return { hold: await this.management.hold(account.id) };
  }

  @ApiZod({ body: HoldBody })
  @Put(':id/hold')
  async putHold(
    @Caller() caller: Principal,
    @Param('id', uuidParam) id: string,
    @Body(new ZodPipe(HoldBody)) body: z.infer<typeof HoldBody>,
  ): Promise<{ hold: Hold }> {
    requireScope(caller, 'accounts:write');
    const account = await this.accounts.find(id, caller.isAdmin ? null : caller.teamId);
    return { hold: await this.management.putHold(account, body.reason, body.count) };
  }

  @ApiZod({})
  @Delete(':id/hold')
  @HttpCode(204)
  async deleteHold(@Caller() caller: Principal, @Param('id', uuidParam) id: string): Promise<void> {
    requireScope(caller, 'accounts:write');
    const account = await this.accounts.find(id, caller.isAdmin ? null : caller.teamId);
    await this.management.deleteHold(account);
  }
}

import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  OAuthConnectionChannels,
  OAuthConnectionSwitch,
  OAuthSelectionComplete,
  OAuthSelectionGet,
  type ChannelCandidateView,
} from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import type { z } from 'zod';
import { AccountsService } from '../accounts/accounts.service';
import { accountView, type AccountView } from '../accounts/account.view';
import { RegistryService } from '../accounts/registry.service';
import { Caller } from '../api-keys/principal.decorator';
import { requireScope, requireTeam, type Principal } from '../api-keys/principal';
import { uuidParam } from '../http/uuid.pipe';
import { ApiZod } from '../http/api-zod.decorator';
import { ZodPipe } from '../http/zod.pipe';
import { CompleteSelectionBody, SwitchChannelBody } from './selection.dto';

export interface SelectionResponse {
  id: string;
  type: string;
  status: string;
  expiresAt: string;
  multiple: boolean;
  candidates: ChannelCandidateView[];
}

/** Choosing the Page, account, organization, channel or location as its own step. */
@Controller('api/v1/social-account')
export class SelectionController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly registry: RegistryService,
    private readonly accounts: AccountsService,
  ) {}

  @ApiZod({})
  @Get('selection/:selectionId')
  async get(
    @Caller() caller: Principal,
    @Param('selectionId', uuidParam) selectionId: string,
  ): Promise<SelectionResponse> {
    requireScope(caller, 'accounts:read');
    const s = await this.rpc.call(OAuthSelectionGet, { selectionId });
    requireTeam(caller, s.teamId);
    return {
      id: s.id,
      type: s.type,
      status: s.status,
      expiresAt: s.expiresAt,
      multiple: s.multiple,
      candidates: s.candidates,
    };
  }

  @ApiZod({ body: CompleteSelectionBody })
  @Post('selection/:selectionId')
  async complete(
    @Caller() caller: Principal,
    @Param('selectionId', uuidParam) selectionId: string,
    @Body(new ZodPipe(CompleteSelectionBody)) body: CompleteSelectionBody,
  ): Promise<{ items: AccountView[] }> {
    requireScope(caller, 'accounts:write');
    const s = await this.rpc.call(OAuthSelectionGet, { selectionId });
    requireTeam(caller, s.teamId);
    if (s.status === 'expired')
      throw new CodedError('selection-expired', 'this selection has expired; connect again');
    const channelIds = 'channelId' in body ? [body.channelId] : body.channelIds;
    const { accounts } = await this.rpc.call(OAuthSelectionComplete, {
      selectionId,
      teamId: s.teamId,
      channelIds,
    });
    const items: AccountView[] = [];
    for (const account of accounts) {
      await this.registry.upsertConnected(account);
      items.push(accountView(await this.accounts.find(account.id, s.teamId)));
    }
    return { items };
  }

  @ApiZod({})
  @Get(':id/channels')
  async channels(
    @Caller() caller: Principal,
    @Param('id', uuidParam) id: string,
  ): Promise<{ items: ChannelCandidateView[]; nextCursor: null }> {
    requireScope(caller, 'accounts:read');
    const account = await this.accounts.find(id, caller.isAdmin ? null : caller.teamId);
    const { candidates } = await this.rpc.call(OAuthConnectionChannels, {
      connectionId: account.id,
      teamId: account.teamId,
    });
    return { items: candidates, nextCursor: null };
  }

  @ApiZod({ body: SwitchChannelBody })
  @Put(':id/channel')
  async switchChannel(
    @Caller() caller: Principal,
    @Param('id', uuidParam) id: string,
    @Body(new ZodPipe(SwitchChannelBody)) body: z.infer<typeof SwitchChannelBody>,
  ): Promise<AccountView> {
    requireScope(caller, 'accounts:write');
    const account = await this.accounts.find(id, caller.isAdmin ? null : caller.teamId);
    if (account.status === 'DISCONNECTED')
      throw new CodedError(ErrorCodes.conflict, 'the account was disconnected');
    const result = await this.rpc.call(OAuthConnectionSwitch, {
      connectionId: account.id,
      teamId: account.teamId,
      channelId: body.channelId,
    });
    await this.registry.upsertConnected(result.account);
    return accountView(await this.accounts.find(account.id, account.teamId));
  }
}

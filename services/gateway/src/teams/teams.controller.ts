import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { z } from 'zod';
import { Caller } from '../api-keys/principal.decorator';
import { requireAdmin, requireScope, requireTeam, type Principal } from '../api-keys/principal';
import { uuidParam as uuid } from '../http/uuid.pipe';
import { ApiZod } from '../http/api-zod.decorator';
import { ZodPipe } from '../http/zod.pipe';
import { MemberErasureService } from './member-erasure.service';
import { CreateMemberBody, CreateTeamBody } from './teams.dto';
import { teamView, TeamsService, type MemberView, type TeamView } from './teams.service';

@Controller('api/v1/team')
export class TeamsController {
  constructor(
    private readonly teams: TeamsService,
    private readonly erasure: MemberErasureService,
  ) {}

  @ApiZod({ body: CreateTeamBody })
  @Post()
  create(
    @Caller() caller: Principal,
    @Body(new ZodPipe(CreateTeamBody)) body: z.infer<typeof CreateTeamBody>,
  ): Promise<TeamView> {
    requireAdmin(caller);
    return this.teams.create(body);
  }

  @ApiZod({})
  @Get(':teamId')
  async get(@Caller() caller: Principal, @Param('teamId', uuid) teamId: string): Promise<TeamView> {
    requireTeam(caller, teamId);
    return teamView(await this.teams.get(teamId));
  }

  @ApiZod({ body: CreateMemberBody })
  @Post(':teamId/member')
  addMember(
    @Caller() caller: Principal,
    @Param('teamId', uuid) teamId: string,
    @Body(new ZodPipe(CreateMemberBody)) body: z.infer<typeof CreateMemberBody>,
  ): Promise<MemberView> {
    requireTeam(caller, teamId);
    requireScope(caller, 'accounts:write');
    return this.teams.addMember(teamId, body);
  }

  /** Erases the member's personal data everywhere; their accounts stay with the team. */
  @ApiZod({})
  @Delete(':teamId/member/:memberId')
  @HttpCode(204)
  async deleteMember(
    @Caller() caller: Principal,
    @Param('teamId', uuid) teamId: string,
    @Param('memberId', uuid) memberId: string,
  ): Promise<void> {
    requireTeam(caller, teamId);
    requireScope(caller, 'accounts:write');
    await this.erasure.erase(teamId, memberId);
  }
}

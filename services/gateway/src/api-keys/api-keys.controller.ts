import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CodedError, ErrorCodes } from '@switchboard/contracts';
import { z } from 'zod';
import { uuidParam } from '../http/uuid.pipe';
import { ApiZod } from '../http/api-zod.decorator';
import { ZodPipe } from '../http/zod.pipe';
import { TeamsService } from '../teams/teams.service';
import { API_SCOPES } from './api-key.entity';
import { ApiKeysService, type ApiKeyView } from './api-keys.service';
import { Caller } from './principal.decorator';
import { requireTeam, type Principal } from './principal';

const CreateKeyBody = z.strictObject({
  teamId: z.uuid(),
  scopes: z.array(z.enum(API_SCOPES)).min(1).max(API_SCOPES.length),
  rateLimitPerSecond: z.number().int().min(0).max(100_000).default(50),
});
const ListKeysQuery = z.strictObject({ teamId: z.uuid() });

@Controller('api/v1/api-key')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly teams: TeamsService,
  ) {}

  @ApiZod({ body: CreateKeyBody })
  @Post()
  async create(
    @Caller() caller: Principal,
    @Body(new ZodPipe(CreateKeyBody)) body: z.infer<typeof CreateKeyBody>,
  ): Promise<{ id: string; key: string }> {
    requireTeam(caller, body.teamId);
    await this.teams.get(body.teamId);
    return this.keys.create(body.teamId, [...new Set(body.scopes)], body.rateLimitPerSecond);
  }

  @ApiZod({ query: ListKeysQuery })
  @Get()
  async list(
    @Caller() caller: Principal,
    @Query(new ZodPipe(ListKeysQuery)) q: z.infer<typeof ListKeysQuery>,
  ): Promise<{ items: ApiKeyView[]; nextCursor: null }> {
    requireTeam(caller, q.teamId);
    return { items: await this.keys.list(q.teamId), nextCursor: null };
  }

  @ApiZod({})
  @Delete(':id')
  @HttpCode(204)
  async revoke(@Caller() caller: Principal, @Param('id', uuidParam) id: string): Promise<void> {
    const teamId = await this.keys.findTeamOf(id);
    // an admin key (no team) is invisible to team keys
    if (teamId === null && !caller.isAdmin) throw new CodedError(ErrorCodes.notFound, 'not found');
    if (teamId !== null) requireTeam(caller, teamId);
    await this.keys.revoke(id);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  OAuthTeamAppDelete,
  OAuthTeamAppGet,
  OAuthTeamAppPut,
  PlatformTypeSchema,
  type PlatformType,
  type TeamAppView,
} from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { z } from 'zod';
import { Caller } from '../api-keys/principal.decorator';
import { requireScope, requireTeam, type Principal } from '../api-keys/principal';
import { ApiZod } from '../http/api-zod.decorator';
import { uuidParam as uuid } from '../http/uuid.pipe';
import { ZodPipe } from '../http/zod.pipe';
import { TeamsService } from './teams.service';

export const TeamAppBody = z.strictObject({
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().min(1).max(2000),
});

/**
 * "Bring your own app" (API.md): `PUT /api/v1/team/:teamId/app/:type` makes the team's developer
 * app the one its flows, refreshes and revocations on that platform use; `GET` says which app is
 * in use (never the secret); `DELETE` goes back to the deployment's app for new connections.
 */
@Controller('api/v1/team/:teamId/app')
export class TeamAppsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly teams: TeamsService,
  ) {}

  @ApiZod({ body: TeamAppBody })
  @Put(':type')
  async put(
    @Caller() caller: Principal,
    @Param('teamId', uuid) teamId: string,
    @Param('type') type: string,
    @Body(new ZodPipe(TeamAppBody)) body: z.infer<typeof TeamAppBody>,
  ): Promise<TeamAppView> {
    requireTeam(caller, teamId);
    requireScope(caller, 'providers:write');
    await this.teams.get(teamId);
    return this.rpc.call(OAuthTeamAppPut, { teamId, type: platform(type), ...body });
  }

  @ApiZod({})
  @Get(':type')
  async get(
    @Caller() caller: Principal,
    @Param('teamId', uuid) teamId: string,
    @Param('type') type: string,
  ): Promise<TeamAppView> {
    requireTeam(caller, teamId);
    requireScope(caller, 'accounts:read');
    const { app } = await this.rpc.call(OAuthTeamAppGet, { teamId, type: platform(type) });
    if (!app) {
      throw new CodedError(
        ErrorCodes.notFound,
        `the team has no ${type} app of its own; the deployment's app is used`,
      );
    }
    return app;
  }

  @ApiZod({})
  @Delete(':type')
  @HttpCode(204)
  async delete(
    @Caller() caller: Principal,
    @Param('teamId', uuid) teamId: string,
    @Param('type') type: string,
  ): Promise<void> {
    requireTeam(caller, teamId);
    requireScope(caller, 'providers:write');
    const { deleted } = await this.rpc.call(OAuthTeamAppDelete, { teamId, type: platform(type) });
    if (!deleted) throw new CodedError(ErrorCodes.notFound, `the team has no ${type} app`);
  }
}

function platform(raw: string): PlatformType {
  const parsed = PlatformTypeSchema.safeParse(raw);
  if (!parsed.success) throw new CodedError(ErrorCodes.unknownPlatform, `unknown platform ${raw}`);
  return parsed.data;
}

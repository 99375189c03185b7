import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  NoticeKindSchema,
  NotifierPreferencesGet,
  NotifierPreferencesSet,
  NotifierTeamSettingsGet,
  NotifierTeamSettingsSet,
  NOTICE_KINDS,
  type RpcReply,
} from '@switchboard/contracts';
import { CodedError, ErrorCodes } from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { z } from 'zod';
import { Caller } from '../api-keys/principal.decorator';
import { requireScope, requireTeam, type Principal } from '../api-keys/principal';
import { uuidParam as uuid } from '../http/uuid.pipe';
import { ApiZod } from '../http/api-zod.decorator';
import { ZodPipe } from '../http/zod.pipe';
import { TeamsService } from '../teams/teams.service';

const PreferencesBody = z.strictObject({
  preferences: z
    .array(
      z.strictObject({
        kind: NoticeKindSchema,
        email: z.boolean().optional(),
        inApp: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(NOTICE_KINDS.length),
});
const TeamSettingsBody = z.strictObject({ notifyAdmins: z.boolean() });

/** Who hears about what: each member's channels per kind, and whether a team's admins are told. */
@Controller('api/v1/team/:teamId')
export class NotificationPreferencesController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly teams: TeamsService,
  ) {}

  @ApiZod({})
  @Get('member/:memberId/notification-preferences')
  async preferences(
    @Caller() caller: Principal,
    @Param('teamId', uuid) teamId: string,
    @Param('memberId', uuid) memberId: string,
  ): Promise<RpcReply<typeof NotifierPreferencesGet>> {
    await this.member(caller, teamId, memberId, 'accounts:read');
    return this.rpc.call(NotifierPreferencesGet, { teamId, memberId });
  }

  @ApiZod({ body: PreferencesBody })
  @Put('member/:memberId/notification-preferences')
  async setPreferences(
    @Caller() caller: Principal,
    @Param('teamId', uuid) teamId: string,
    @Param('memberId', uuid) memberId: string,
    @Body(new ZodPipe(PreferencesBody)) body: z.infer<typeof PreferencesBody>,
  ): Promise<RpcReply<typeof NotifierPreferencesSet>> {
    await this.member(caller, teamId, memberId, 'accounts:write');
    return this.rpc.call(NotifierPreferencesSet, {
      teamId,
      memberId,
      preferences: body.preferences,
    });
  }

  @ApiZod({})
  @Get('notification-settings')
  async settings(
    @Caller() caller: Principal,
    @Param('teamId', uuid) teamId: string,
  ): Promise<RpcReply<typeof NotifierTeamSettingsGet>> {
    requireTeam(caller, teamId);
    requireScope(caller, 'accounts:read');
    await this.teams.get(teamId);
    return this.rpc.call(NotifierTeamSettingsGet, { teamId });
  }

  @ApiZod({ body: TeamSettingsBody })
  @Put('notification-settings')
  async setSettings(
    @Caller() caller: Principal,
    @Param('teamId', uuid) teamId: string,
    @Body(new ZodPipe(TeamSettingsBody)) body: z.infer<typeof TeamSettingsBody>,
  ): Promise<RpcReply<typeof NotifierTeamSettingsSet>> {
    requireTeam(caller, teamId);
    requireScope(caller, 'accounts:write');
    await this.teams.get(teamId);
    return this.rpc.call(NotifierTeamSettingsSet, { teamId, notifyAdmins: body.notifyAdmins });
  }

  private async member(
    caller: Principal,
    teamId: string,
    memberId: string,
    scope: 'accounts:read' | 'accounts:write',
  ): Promise<void> {
    requireTeam(caller, teamId);
    requireScope(caller, scope);
    if (!(await this.teams.findMember(teamId, memberId))) {
      throw new CodedError(ErrorCodes.notFound, 'not found');
    }
  }
}

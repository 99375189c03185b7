import { Controller } from '@nestjs/common';
import {
  NotifierPreferencesGet,
  NotifierPreferencesSet,
  NotifierTeamSettingsGet,
  NotifierTeamSettingsSet,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { PreferencesRepository } from './preferences.repository';

/** The gateway checks that the member belongs to the team before it asks. */
@Controller()
export class PreferencesController {
  constructor(private readonly preferences: PreferencesRepository) {}

  @RpcHandler(NotifierPreferencesGet)
  async get(
    req: RpcRequest<typeof NotifierPreferencesGet>,
  ): Promise<RpcReply<typeof NotifierPreferencesGet>> {
    return { items: await this.preferences.effective(req.memberId) };
  }

  @RpcHandler(NotifierPreferencesSet)
  async set(
    req: RpcRequest<typeof NotifierPreferencesSet>,
  ): Promise<RpcReply<typeof NotifierPreferencesSet>> {
    return { items: await this.preferences.set(req.teamId, req.memberId, req.preferences) };
  }

  @RpcHandler(NotifierTeamSettingsGet)
  async teamSettings(
    req: RpcRequest<typeof NotifierTeamSettingsGet>,
  ): Promise<RpcReply<typeof NotifierTeamSettingsGet>> {
    return { notifyAdmins: await this.preferences.notifyAdmins(req.teamId) };
  }

  @RpcHandler(NotifierTeamSettingsSet)
  async setTeamSettings(
    req: RpcRequest<typeof NotifierTeamSettingsSet>,
  ): Promise<RpcReply<typeof NotifierTeamSettingsSet>> {
    return { notifyAdmins: await this.preferences.setNotifyAdmins(req.teamId, req.notifyAdmins) };
  }
}

import { Controller } from '@nestjs/common';
import {
  OAuthTeamAppDelete,
  OAuthTeamAppGet,
  OAuthTeamAppPut,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { TeamAppsService } from './team-apps.service';

@Controller()
export class AppsController {
  constructor(private readonly teamApps: TeamAppsService) {}

  @RpcHandler(OAuthTeamAppPut)
  put(req: RpcRequest<typeof OAuthTeamAppPut>): Promise<RpcReply<typeof OAuthTeamAppPut>> {
    return this.teamApps.put(req);
  }

  @RpcHandler(OAuthTeamAppGet)
  get(req: RpcRequest<typeof OAuthTeamAppGet>): Promise<RpcReply<typeof OAuthTeamAppGet>> {
    return this.teamApps.get(req);
  }

  @RpcHandler(OAuthTeamAppDelete)
  delete(req: RpcRequest<typeof OAuthTeamAppDelete>): Promise<RpcReply<typeof OAuthTeamAppDelete>> {
    return this.teamApps.delete(req);
  }
}

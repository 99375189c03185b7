import { Controller } from '@nestjs/common';
import { GatewayRecipientsGet, type RpcReply, type RpcRequest } from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { TeamsService } from '../teams/teams.service';

/** Answers the notifier: who should hear about a team's account. */
@Controller()
export class RecipientsController {
  constructor(private readonly teams: TeamsService) {}

  @RpcHandler(GatewayRecipientsGet)
  async recipients(
    req: RpcRequest<typeof GatewayRecipientsGet>,
  ): Promise<RpcReply<typeof GatewayRecipientsGet>> {
    return { recipients: await this.teams.recipients(req.teamId, req.memberId) };
  }
}

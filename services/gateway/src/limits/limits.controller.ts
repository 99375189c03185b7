import { Controller } from '@nestjs/common';
import { GatewayLimitsReserve, type RpcReply, type RpcRequest } from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { LimitsService } from './limits.service';

@Controller()
export class LimitsController {
  constructor(private readonly limits: LimitsService) {}

  @RpcHandler(GatewayLimitsReserve)
  reserve(
    req: RpcRequest<typeof GatewayLimitsReserve>,
  ): Promise<RpcReply<typeof GatewayLimitsReserve>> {
    return this.limits.reserve(req);
  }
}

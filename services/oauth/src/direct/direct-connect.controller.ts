import { Controller } from '@nestjs/common';
import { OAuthDirectConnect, type RpcReply, type RpcRequest } from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { DirectConnectService } from './direct-connect.service';

@Controller()
export class DirectConnectController {
  constructor(private readonly direct: DirectConnectService) {}

  @RpcHandler(OAuthDirectConnect)
  connect(
    req: RpcRequest<typeof OAuthDirectConnect>,
  ): Promise<RpcReply<typeof OAuthDirectConnect>> {
    return this.direct.connect(req);
  }
}

import { Controller } from '@nestjs/common';
import {
  OAuthConnectionCopy,
  OAuthFlowComplete,
  OAuthFlowLaunch,
  OAuthFlowStart,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { CallbackService } from './callback/callback.service';
import { ConnectionCopier } from './connections/connection-copier.service';
import { FlowService } from './flow/flow.service';

@Controller()
export class OAuthController {
  constructor(
    private readonly flows: FlowService,
    private readonly callbacks: CallbackService,
    private readonly copier: ConnectionCopier,
  ) {}

  @RpcHandler(OAuthFlowStart)
  start(req: RpcRequest<typeof OAuthFlowStart>): Promise<RpcReply<typeof OAuthFlowStart>> {
    return this.flows.start(req);
  }

  @RpcHandler(OAuthFlowLaunch)
  launch(req: RpcRequest<typeof OAuthFlowLaunch>): Promise<RpcReply<typeof OAuthFlowLaunch>> {
    return this.flows.launch(req);
  }

  @RpcHandler(OAuthFlowComplete)
  complete(req: RpcRequest<typeof OAuthFlowComplete>): Promise<RpcReply<typeof OAuthFlowComplete>> {
    return this.callbacks.complete(req);
  }

  @RpcHandler(OAuthConnectionCopy)
  copy(req: RpcRequest<typeof OAuthConnectionCopy>): Promise<RpcReply<typeof OAuthConnectionCopy>> {
    return this.copier.copy(req);
  }
}

import { Controller } from '@nestjs/common';
import {
  OAuthConnectionChannels,
  OAuthConnectionSwitch,
  OAuthSelectionComplete,
  OAuthSelectionGet,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { SelectionService } from './selection.service';

@Controller()
export class SelectionController {
  constructor(private readonly selections: SelectionService) {}

  @RpcHandler(OAuthSelectionGet)
  get(req: RpcRequest<typeof OAuthSelectionGet>): Promise<RpcReply<typeof OAuthSelectionGet>> {
    return this.selections.get(req);
  }

  @RpcHandler(OAuthSelectionComplete)
  complete(
    req: RpcRequest<typeof OAuthSelectionComplete>,
  ): Promise<RpcReply<typeof OAuthSelectionComplete>> {
    return this.selections.complete(req);
  }

  @RpcHandler(OAuthConnectionChannels)
  channels(
    req: RpcRequest<typeof OAuthConnectionChannels>,
  ): Promise<RpcReply<typeof OAuthConnectionChannels>> {
    return this.selections.channelsOf(req);
  }

  @RpcHandler(OAuthConnectionSwitch)
  switchChannel(
    req: RpcRequest<typeof OAuthConnectionSwitch>,
  ): Promise<RpcReply<typeof OAuthConnectionSwitch>> {
    return this.selections.switchChannel(req);
  }
}

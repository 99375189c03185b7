import { Controller } from '@nestjs/common';
import {
  OAuthProviderDelete,
  OAuthProviderList,
  OAuthProviderRegister,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { CustomProvidersService } from './custom-providers.service';

@Controller()
export class CustomProvidersController {
  constructor(private readonly providers: CustomProvidersService) {}

  @RpcHandler(OAuthProviderRegister)
  register(
    req: RpcRequest<typeof OAuthProviderRegister>,
  ): Promise<RpcReply<typeof OAuthProviderRegister>> {
    return this.providers.register(req);
  }

  @RpcHandler(OAuthProviderList)
  list(req: RpcRequest<typeof OAuthProviderList>): Promise<RpcReply<typeof OAuthProviderList>> {
    return this.providers.list(req);
  }

  @RpcHandler(OAuthProviderDelete)
  delete(
    req: RpcRequest<typeof OAuthProviderDelete>,
  ): Promise<RpcReply<typeof OAuthProviderDelete>> {
    return this.providers.delete(req);
  }
}

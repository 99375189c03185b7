import { Controller } from '@nestjs/common';
import {
  VaultProviderDelete,
  VaultProviderGet,
  VaultProviderList,
  VaultProviderPut,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { CustomProvidersService } from './custom-providers.service';

/** `vault.providers.*`: only the oauth service may call them (NATS permissions). */
@Controller()
export class CustomProvidersController {
  constructor(private readonly providers: CustomProvidersService) {}

  @RpcHandler(VaultProviderPut)
  put(req: RpcRequest<typeof VaultProviderPut>): Promise<RpcReply<typeof VaultProviderPut>> {
    return this.providers.put(req);
  }

  @RpcHandler(VaultProviderGet)
  get(req: RpcRequest<typeof VaultProviderGet>): Promise<RpcReply<typeof VaultProviderGet>> {
    return this.providers.get(req);
  }

  @RpcHandler(VaultProviderList)
  list(req: RpcRequest<typeof VaultProviderList>): Promise<RpcReply<typeof VaultProviderList>> {
    return this.providers.list(req);
  }

  @RpcHandler(VaultProviderDelete)
  delete(
    req: RpcRequest<typeof VaultProviderDelete>,
  ): Promise<RpcReply<typeof VaultProviderDelete>> {
    return this.providers.delete(req);
  }
}

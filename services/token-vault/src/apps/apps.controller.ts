import { Controller } from '@nestjs/common';
import { VaultAppGet, VaultAppPut, type RpcReply, type RpcRequest } from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { AppSecretsService } from './app-secrets.service';

/** `vault.apps.*`: only the oauth service may store or read app secrets (NATS permissions). */
@Controller()
export class AppsController {
  constructor(private readonly apps: AppSecretsService) {}

  @RpcHandler(VaultAppPut)
  put(req: RpcRequest<typeof VaultAppPut>): Promise<RpcReply<typeof VaultAppPut>> {
    return this.apps.put(req);
  }

  @RpcHandler(VaultAppGet)
  get(req: RpcRequest<typeof VaultAppGet>): Promise<RpcReply<typeof VaultAppGet>> {
    return this.apps.get(req);
  }
}

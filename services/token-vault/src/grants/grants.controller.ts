import { Controller } from '@nestjs/common';
import {
  VaultGrantGet,
  VaultGrantPut,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { GrantsService } from './grants.service';

@Controller()
export class GrantsController {
  constructor(private readonly grants: GrantsService) {}

  @RpcHandler(VaultGrantPut)
  put(req: RpcRequest<typeof VaultGrantPut>): Promise<RpcReply<typeof VaultGrantPut>> {
    return this.grants.put(req);
  }

  @RpcHandler(VaultGrantGet)
  get(req: RpcRequest<typeof VaultGrantGet>): Promise<RpcReply<typeof VaultGrantGet>> {
    return this.grants.get(req);
  }
}

import { Controller } from '@nestjs/common';
import {
  VaultKeysRetire,
  VaultKeysRotate,
  VaultKeysStatus,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { KeyRingService } from './key-ring.service';

/** Operators' key ring controls (NATS permissions open them to the ops user only). */
@Controller()
export class KeysController {
  constructor(private readonly keyRing: KeyRingService) {}

  @RpcHandler(VaultKeysStatus)
  status(): Promise<RpcReply<typeof VaultKeysStatus>> {
    return this.keyRing.status();
  }

  @RpcHandler(VaultKeysRotate)
  rotate(req: RpcRequest<typeof VaultKeysRotate>): Promise<RpcReply<typeof VaultKeysRotate>> {
    return this.keyRing.rotate(req.keyId);
  }

  @RpcHandler(VaultKeysRetire)
  retire(req: RpcRequest<typeof VaultKeysRetire>): Promise<RpcReply<typeof VaultKeysRetire>> {
    return this.keyRing.retire(req.keyId);
  }
}

import { Controller } from '@nestjs/common';
import {
  VaultCredentialsPut,
  VaultRefresh,
  VaultRevoke,
  VaultTokenGet,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { CredentialsService } from './credentials/credentials.service';
import { RefreshService } from './refresh/refresh.service';
import { RevokeService } from './revoke/revoke.service';

/** The vault's RPC surface. Nothing it answers ever contains a refresh token. */
@Controller()
export class VaultController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly refresher: RefreshService,
    private readonly revoker: RevokeService,
  ) {}

  @RpcHandler(VaultCredentialsPut)
  put(req: RpcRequest<typeof VaultCredentialsPut>): Promise<RpcReply<typeof VaultCredentialsPut>> {
    return this.credentials.put(req);
  }

  @RpcHandler(VaultTokenGet)
  getToken(req: RpcRequest<typeof VaultTokenGet>): Promise<RpcReply<typeof VaultTokenGet>> {
    return this.credentials.getToken(req);
  }

  @RpcHandler(VaultRefresh)
  refresh(req: RpcRequest<typeof VaultRefresh>): Promise<RpcReply<typeof VaultRefresh>> {
    return this.refresher.refresh(req.connectionId, req.teamId);
  }

  @RpcHandler(VaultRevoke)
  revoke(req: RpcRequest<typeof VaultRevoke>): Promise<RpcReply<typeof VaultRevoke>> {
    return this.revoker.revoke(req.connectionId, req.teamId, req.by);
  }
}

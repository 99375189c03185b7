import { Controller } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import {
  VaultCredentialsCopy,
  VaultCredentialsPut,
  VaultRefresh,
  VaultRevoke,
  VaultTokenGet,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { callerOf } from './caller';
import { CredentialCopyService } from './credentials/credential-copy.service';
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
    private readonly copier: CredentialCopyService,
  ) {}

  @RpcHandler(VaultCredentialsPut)
  put(req: RpcRequest<typeof VaultCredentialsPut>): Promise<RpcReply<typeof VaultCredentialsPut>> {
    return this.credentials.put(req);
  }

  @RpcHandler(VaultCredentialsCopy)
  copy(
    req: RpcRequest<typeof VaultCredentialsCopy>,
    ctx: NatsContext,
  ): Promise<RpcReply<typeof VaultCredentialsCopy>> {
    return this.copier.copy(req, callerOf(ctx));
  }

  @RpcHandler(VaultTokenGet)
  getToken(
    req: RpcRequest<typeof VaultTokenGet>,
    ctx: NatsContext,
  ): Promise<RpcReply<typeof VaultTokenGet>> {
    return this.credentials.getToken(req, callerOf(ctx));
  }

  @RpcHandler(VaultRefresh)
  refresh(
    req: RpcRequest<typeof VaultRefresh>,
    ctx: NatsContext,
  ): Promise<RpcReply<typeof VaultRefresh>> {
    return this.refresher.refresh({
      connectionId: req.connectionId,
      teamId: req.teamId,
      caller: callerOf(ctx),
      purpose: req.trigger,
    });
  }

  @RpcHandler(VaultRevoke)
  revoke(
    req: RpcRequest<typeof VaultRevoke>,
    ctx: NatsContext,
  ): Promise<RpcReply<typeof VaultRevoke>> {
    return this.revoker.revoke(req.connectionId, req.teamId, req.by, callerOf(ctx));
  }
}

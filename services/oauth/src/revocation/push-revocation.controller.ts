import { Controller } from '@nestjs/common';
import {
  OAuthDeletionStatus,
  OAuthPlatformRevoked,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { PushRevocationService } from './push-revocation.service';

@Controller()
export class PushRevocationController {
  constructor(private readonly revocations: PushRevocationService) {}

  @RpcHandler(OAuthPlatformRevoked)
  revoked(
    req: RpcRequest<typeof OAuthPlatformRevoked>,
  ): Promise<RpcReply<typeof OAuthPlatformRevoked>> {
    return this.revocations.revoked(req);
  }

  @RpcHandler(OAuthDeletionStatus)
  status(
    req: RpcRequest<typeof OAuthDeletionStatus>,
  ): Promise<RpcReply<typeof OAuthDeletionStatus>> {
    return this.revocations.status(req);
  }
}

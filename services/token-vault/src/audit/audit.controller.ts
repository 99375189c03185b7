import { Controller } from '@nestjs/common';
import { VaultAuditList, type RpcReply, type RpcRequest } from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { AuditRepository } from './audit.repository';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @RpcHandler(VaultAuditList)
  list(req: RpcRequest<typeof VaultAuditList>): Promise<RpcReply<typeof VaultAuditList>> {
    return this.audit.list(req);
  }
}

import { Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  OAuthConnectionCopy,
  type PlatformType,
} from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { LimitsService } from '../limits/limits.service';
import { TeamsService } from '../teams/teams.service';
import type { AccountEntity } from './account.entity';
import { RegistryService } from './registry.service';

const COPYABLE = new Set(['ACTIVE', 'EXPIRING']);

/**
 * Copies an account into another team as a new, independent connection: the target team's plan
 * limit and the deployment's connected-elsewhere rule apply as for a connect, the vault copies the
 * credential (through oauth, which maps the new connection), and the copy is listed at once.
 */
@Injectable()
export class AccountCopyService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly teams: TeamsService,
    private readonly limits: LimitsService,
    private readonly registry: RegistryService,
  ) {}

  /** The new connection's id. */
  async copy(account: AccountEntity, targetTeamId: string): Promise<string> {
    if (targetTeamId === account.teamId) {
      throw new CodedError(ErrorCodes.validation, 'targetTeamId: must be another team');
    }
    await this.teams.get(targetTeamId);
    if (!COPYABLE.has(account.status)) {
      throw new CodedError(
        ErrorCodes.reauthRequired,
        `a ${account.status} account cannot be copied; reconnect it first`,
      );
    }
    const connectionId = randomUUID();
    const slot = await this.limits.reserve({
      teamId: targetTeamId,
      type: account.type as PlatformType,
      connectionId,
      externalId: account.externalId,
    });
    if (slot.refusal === 'account-connected-elsewhere') {
      throw new CodedError(
        'account-connected-elsewhere',
        'this deployment allows an account in one team only',
      );
    }
    if (!slot.allowed) {
      throw new CodedError(
        'limit-reached',
        `the target team's plan allows ${slot.limit ?? 'no more'} ${account.type} account(s)`,
      );
    }
    const copied = await this.rpc.call(OAuthConnectionCopy, {
      sourceConnectionId: account.id,
      sourceTeamId: account.teamId,
      connectionId,
      teamId: targetTeamId,
      displayName: account.displayName,
      avatarUrl: account.avatarUrl,
      endUserId: account.endUserId,
      metadata: account.metadata,
    });
    await this.registry.upsertConnected(copied);
    return connectionId;
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  OAuthDirectConnect,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import type { ProviderRegistry } from '@switchboard/providers';
import { ConnectionWriter } from '../connections/connection-writer.service';
import { PROVIDERS } from '../providers.provider';

type Request = RpcRequest<typeof OAuthDirectConnect>;

/**
 * Connects a platform that needs no redirect (Telegram's `{botToken, channel}`; Bluesky's app
 * password): the platform's `DirectConnector` checks the fields with the platform, then the
 * credential goes to the vault and the account is announced like any other connection. Errors
 * keep the connector's documented code; the fields are never logged.
 */
@Injectable()
export class DirectConnectService {
  private readonly logger = new Logger('direct-connect');

  constructor(
    private readonly writer: ConnectionWriter,
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
  ) {}

  async connect(req: Request): Promise<RpcReply<typeof OAuthDirectConnect>> {
    const connector = this.providers.direct?.(req.type) ?? null;
    if (!connector) {
      throw new CodedError(
        ErrorCodes.validation,
        `${req.type} connects through an authorization redirect, not with credentials`,
      );
    }
    const missing = connector.fields.filter((field) => !req.fields[field]?.trim());
    if (missing.length > 0) {
      throw new CodedError(
        ErrorCodes.validation,
        `${req.type} needs ${connector.fields.join(' and ')}; missing: ${missing.join(', ')}`,
      );
    }
    const { identity, tokens } = await connector.connect(req.fields);
    const account = await this.writer.write({
      teamId: req.teamId,
      type: req.type,
      identity,
      tokens,
      memberId: req.memberId,
      endUserId: req.endUserId,
      metadata: req.metadata,
      mode: req.reconnectConnectionId
        ? { kind: 'reconnect', connectionId: req.reconnectConnectionId }
        : { kind: 'new' },
      grantId: null,
      grantUserId: identity.externalId,
      appKey: null,
    });
    this.logger.log({
      msg: 'connected without redirect',
      type: req.type,
      connectionId: account.id,
    });
    return { account };
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  OAuthDeletionStatus,
  OAuthPlatformRevoked,
  VaultRevoke,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { isProviderError, type ProviderRegistry } from '@switchboard/providers';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { typeFromSegment } from '../callback/platform-segment';
import { ConnectionEntity } from '../connections/connection.entity';
import { PROVIDERS } from '../providers.provider';

/** Revocations a platform pushes: verified, then every affected connection is revoked at once. */
@Injectable()
export class PushRevocationService {
  private readonly logger = new Logger('push-revocation');

  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: RpcClient,
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
  ) {}

  async revoked(
    req: RpcRequest<typeof OAuthPlatformRevoked>,
  ): Promise<RpcReply<typeof OAuthPlatformRevoked>> {
    const type = typeFromSegment(req.typeSegment);
    if (!type) throw new CodedError(ErrorCodes.unknownPlatform, 'unknown platform');
    const adapter = this.providers.get(type);
    if (!adapter.pushRevocation)
      throw new CodedError(ErrorCodes.notFound, 'this platform sends no revocations');
    let platformUserId: string;
    try {
      ({ platformUserId } = adapter.pushRevocation.verify(req.payload));
    } catch (error) {
      throw new CodedError(
        'invalid-signature',
        isProviderError(error) ? error.message : 'the payload could not be verified',
      );
    }
    const connections = await this.dataSource.manager.find(ConnectionEntity, {
      where: { type, grantUserId: platformUserId },
    });
    for (const c of connections) {
      await this.rpc.call(VaultRevoke, { connectionId: c.id, teamId: c.teamId, by: 'provider' });
    }
    this.logger.log({
      msg: 'platform revoked access',
      type,
      kind: req.kind,
      connections: connections.length,
    });
    if (req.kind === 'deauthorize')
      return { connections: connections.length, confirmationCode: null };
    const confirmationCode = randomBytes(12).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO oauth.deletion_request (confirmation_code, type, platform_user_id, connections) VALUES ($1, $2, $3, $4)`,
      [confirmationCode, type, platformUserId, connections.length],
    );
    return { connections: connections.length, confirmationCode };
  }

  async status(
    req: RpcRequest<typeof OAuthDeletionStatus>,
  ): Promise<RpcReply<typeof OAuthDeletionStatus>> {
    const rows: { confirmation_code: string; connections: number; requested_at: Date }[] =
      await this.dataSource.query(
        `SELECT confirmation_code, connections, requested_at FROM oauth.deletion_request WHERE confirmation_code = $1`,
        [req.confirmationCode],
      );
    const row = rows[0];
    if (!row) throw new CodedError(ErrorCodes.notFound, 'no such deletion request');
    return {
      confirmationCode: row.confirmation_code,
      status: 'completed',
      requestedAt: new Date(row.requested_at).toISOString(),
      connections: row.connections,
    };
  }
}

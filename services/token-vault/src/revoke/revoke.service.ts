import { Inject, Injectable, Logger } from '@nestjs/common';
import { TOKEN_REVOKED_V1, type PlatformType } from '@switchboard/contracts';
import { OutboxService } from '@switchboard/bus';
import type { ProviderRegistry } from '@switchboard/providers';
import { DataSource } from 'typeorm';
import { CredentialStore } from '../credentials/credential-store';
import { PROVIDERS } from '../providers.provider';

/** Disconnect: revoke at the platform where it can, then crypto-shred (the data key is gone). */
@Injectable()
export class RevokeService {
  private readonly logger = new Logger('revoke');

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CredentialStore,
    private readonly outbox: OutboxService,
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
  ) {}

  async revoke(
    connectionId: string,
    teamId: string,
    by: 'team' | 'provider',
  ): Promise<{ providerRevoked: boolean }> {
    const row = await this.store.find(connectionId, teamId);
    let providerRevoked = false;
    if (row.status !== 'revoked' && by === 'team') {
      try {
        const secret = this.store.open(row);
        const result = await this.providers
          .get(row.type as PlatformType)
          .revoke({ accessToken: secret.accessToken, refreshToken: secret.refreshToken });
        providerRevoked = result.revoked;
      } catch (error) {
        this.logger.warn({
          msg: 'provider revocation failed; credential is shredded anyway',
          connectionId,
          error: error instanceof Error ? error.message : 'error',
        });
      }
    }
    await this.dataSource.transaction(async (tx) => {
      const result: [unknown[], number] = await tx.query(
        `UPDATE token_vault.credential SET status = 'revoked', kek_id = NULL, wrapped_key = NULL,
           iv = NULL, ciphertext = NULL, tag = NULL, refreshable = false, lock_until = NULL,
           version = version + 1, updated_at = now()
         WHERE connection_id = $1 AND team_id = $2 AND status <> 'revoked'`,
        [connectionId, teamId],
      );
      if (result[1] !== 1) return;
      await this.outbox.enqueue(
        tx,
        TOKEN_REVOKED_V1,
        {
          connectionId,
          teamId,
          type: row.type as PlatformType,
          revokedAt: new Date().toISOString(),
          providerRevoked,
          by,
        },
        connectionId,
      );
    });
    return { providerRevoked };
  }
}

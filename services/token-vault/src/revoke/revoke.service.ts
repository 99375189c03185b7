import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  TOKEN_REVOKED_V1,
  type PlatformType,
} from '@switchboard/contracts';
import { OutboxService } from '@switchboard/bus';
import { isProviderError, type ProviderRegistry } from '@switchboard/providers';
import { DataSource, type EntityManager } from 'typeorm';
import { AppAdapters } from '../apps/app-adapters';
import { DecryptAudit } from '../audit/decrypt-audit';
import { VAULT_ENV, type VaultEnv } from '../config';
import { CredentialRepository } from '../credentials/credential.repository';
import {
  CREDENTIAL_COLUMNS,
  toCredentialRow,
  type CredentialRecord,
} from '../credentials/credential.row';
import { CredentialStore } from '../credentials/credential-store';
import { PROVIDERS } from '../providers.provider';

export type RevokedBy = 'team' | 'provider';

/** How long the one who marked a credential owns its first revocation attempt (s). */
const CLAIM_SECONDS = 120;
const MAX_BACKOFF_MS = 3_600_000;

interface PendingRecord extends CredentialRecord {
  revoked_at: Date;
  revoked_by: RevokedBy;
  revoke_attempts: number;
  revoke_announced: boolean;
}

type Attempt = 'revoked' | 'not-revoked' | 'retry';

/**
 * Disconnect. The credential stops working the moment it is marked (status `revoked`, the fencing
 * token bumped so an in-flight refresh cannot write back). Then, when the team disconnected, the
 * vault revokes the grant at the platform where the platform allows it; a transient failure (5xx,
 * 429, network) is retried later with backoff — the ciphertext is kept only for that — and after
 * `VAULT_REVOKE_GIVE_UP_HOURS` given up. Finally the credential is crypto-shredded (wrapped data
 * key and ciphertext destroyed) and `TokenRevoked` is published once.
 */
@Injectable()
export class RevokeService {
  private readonly logger = new Logger('revoke');

  constructor(
    private readonly dataSource: DataSource,
    private readonly credentials: CredentialRepository,
    private readonly store: CredentialStore,
    private readonly outbox: OutboxService,
    private readonly audit: DecryptAudit,
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
    @Inject(VAULT_ENV) private readonly env: VaultEnv,
    /** Absent in hand-built test rigs: the deployment's app is used then. */
    @Optional() private readonly apps?: AppAdapters,
  ) {}

  async revoke(
    connectionId: string,
    teamId: string,
    by: RevokedBy,
    caller: string,
  ): Promise<{ providerRevoked: boolean }> {
    const marked = await this.dataSource.transaction((tx) =>
      this.mark(tx, connectionId, teamId, by, CLAIM_SECONDS),
    );
    if (!marked && !(await this.takeOver(connectionId, teamId))) {
      await this.credentials.find(connectionId, teamId); // not-found for an unknown connection
      return { providerRevoked: false };
    }
    return { providerRevoked: await this.finish(connectionId, caller) };
  }

  /**
   * Inside `tx`, for `AccountDisconnected`: a team's disconnect is followed a moment later by its
   * own `vault.revoke` call, so the first attempt is left to that call for
   * `VAULT_REVOKE_EVENT_GRACE_MS` (the platform is then revoked before the disconnect answers);
   * the worker takes it after that (`dueNow`: it may start at once).
   */
  async markDisconnected(
    tx: EntityManager,
    d: { connectionId: string; teamId: string; by: RevokedBy },
  ): Promise<{ marked: boolean; dueNow: boolean }> {
    const grace = d.by === 'team' ? this.env.VAULT_REVOKE_EVENT_GRACE_MS / 1000 : 0;
    const marked = await this.mark(tx, d.connectionId, d.teamId, d.by, grace);
    return { marked, dueNow: grace === 0 };
  }

  /**
   * A revocation marked from the event and not attempted yet, still inside its grace: this call
   * claims the first attempt (moving `revoke_next_at` past the grace, so no other call and not the
   * worker can take it too).
   */
  private async takeOver(connectionId: string, teamId: string): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE token_vault.credential SET revoke_next_at = now() + make_interval(secs => $3)
        WHERE connection_id = $1 AND team_id = $2 AND revoke_pending AND revoke_attempts = 0
          AND revoke_next_at > now()
          AND revoke_next_at <= revoked_at + make_interval(secs => $4)`,
      [connectionId, teamId, CLAIM_SECONDS, this.env.VAULT_REVOKE_EVENT_GRACE_MS / 1000],
    );
    return result[1] === 1;
  }

  /**
   * Inside `tx`: the credential is unusable from now on. The revocation itself is attempted by
   * whoever holds the claim after `claimSeconds` (0: the revocation worker, at once).
   */
  async mark(
    tx: EntityManager,
    connectionId: string,
    teamId: string,
    by: RevokedBy,
    claimSeconds: number,
  ): Promise<boolean> {
    const result: [unknown[], number] = await tx.query(
      `UPDATE token_vault.credential SET status = 'revoked', refreshable = false,
         lock_token = lock_token + 1, lock_until = NULL, revoked_at = now(), revoked_by = $3,
         revoke_pending = true, revoke_attempts = 0, revoke_announced = false,
         revoke_next_at = now() + make_interval(secs => $4), updated_at = now()
       WHERE connection_id = $1 AND team_id = $2 AND status <> 'revoked'`,
      [connectionId, teamId, by, claimSeconds],
    );
    return result[1] === 1;
  }

  /** One revocation attempt, then shred or schedule a retry. True when the platform confirmed. */
  async finish(connectionId: string, caller: string): Promise<boolean> {
    const rows: PendingRecord[] = await this.dataSource.query(
      `SELECT ${CREDENTIAL_COLUMNS}, revoked_at, revoked_by, revoke_attempts, revoke_announced
         FROM token_vault.credential WHERE connection_id = $1 AND revoke_pending`,
      [connectionId],
    );
    const record = rows[0];
    if (!record) return false;
    const attempt =
      record.revoked_by === 'team' && !(await this.usedElsewhere(record))
        ? await this.atProvider(record, caller)
        : 'not-revoked';
    const attempts = record.revoke_attempts + 1;
    const giveUp =
      attempt === 'retry' &&
      Date.now() - record.revoked_at.getTime() >= this.env.VAULT_REVOKE_GIVE_UP_HOURS * 3_600_000;
    await this.dataSource.transaction(async (tx) => {
      if (attempt !== 'retry' || giveUp) {
        await tx.query(
          `UPDATE token_vault.credential SET kek_id = NULL, wrapped_key = NULL, iv = NULL,
             ciphertext = NULL, tag = NULL, version = version + 1, revoke_pending = false,
             revoke_next_at = NULL, revoke_attempts = $2, updated_at = now()
           WHERE connection_id = $1 AND revoke_pending`,
          [connectionId, attempts],
        );
        if (giveUp) {
          this.logger.warn({
            msg: 'provider revocation given up; credential shredded',
            connectionId,
          });
        }
      } else {
        const backoffMs = Math.min(
          this.env.VAULT_REVOKE_RETRY_MS * 2 ** (attempts - 1),
          MAX_BACKOFF_MS,
        );
        await tx.query(
          `UPDATE token_vault.credential SET revoke_attempts = $2,
             revoke_next_at = now() + make_interval(secs => $3), updated_at = now()
           WHERE connection_id = $1 AND revoke_pending`,
          [connectionId, attempts, backoffMs / 1000],
        );
      }
      if (!record.revoke_announced) await this.announce(tx, record, attempt === 'revoked');
    });
    return attempt === 'revoked';
  }

  /**
   * Whether another live credential holds the same platform account (a copy in another team, or
   * that team's own connection of it). Revoking at the platform ends the app's grant for the user
   * at most platforms (Meta, Google), which would break the other team too; this disconnect then
   * only shreds its own credential.
   */
  private async usedElsewhere(record: PendingRecord): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM token_vault.credential WHERE type = $1 AND external_id = $2
         AND connection_id <> $3 AND status = 'active' LIMIT 1`,
      [record.type, record.external_id, record.connection_id],
    );
    return rows.length > 0;
  }

  private async atProvider(record: PendingRecord, caller: string): Promise<Attempt> {
    const row = toCredentialRow(record);
    if (!row.kekId) return 'not-revoked';
    try {
      const secret = this.store.open(row);
      this.audit.record({
        caller,
        purpose: 'revoke',
        connectionId: row.connectionId,
        teamId: row.teamId,
        credentialVersion: row.version,
      });
      const adapter = this.apps
        ? await this.apps.forApp(row.type, row.appKey)
        : this.providers.get(row.type as PlatformType);
      const result = await adapter.revoke({
        accessToken: secret.accessToken,
        refreshToken: secret.refreshToken,
        extra: secret.extra,
      });
      return result.revoked ? 'revoked' : 'not-revoked';
    } catch (error) {
      const transient = isProviderError(error) && error.kind === 'transient';
      this.logger.warn({
        msg: transient
          ? 'provider revocation failed; retrying later (the credential is unusable already)'
          : 'provider revocation refused; the credential is shredded anyway',
        connectionId: row.connectionId,
        error: error instanceof CodedError || isProviderError(error) ? error.message : 'error',
        code: error instanceof CodedError ? error.code : ErrorCodes.internal,
      });
      return transient ? 'retry' : 'not-revoked';
    }
  }

  private async announce(
    tx: EntityManager,
    record: PendingRecord,
    providerRevoked: boolean,
  ): Promise<void> {
    await tx.query(
      `UPDATE token_vault.credential SET revoke_announced = true WHERE connection_id = $1`,
      [record.connection_id],
    );
    await this.outbox.enqueue(
      tx,
      TOKEN_REVOKED_V1,
      {
        connectionId: record.connection_id,
        teamId: record.team_id,
        type: record.type as PlatformType,
        revokedAt: record.revoked_at.toISOString(),
        providerRevoked,
        by: record.revoked_by,
      },
      record.connection_id,
    );
  }
}

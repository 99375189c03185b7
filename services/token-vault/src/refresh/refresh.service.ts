import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  REFRESH_FAILED_V1,
  TOKEN_REFRESHED_V1,
  type PlatformType,
  type RefreshOutcome,
} from '@switchboard/contracts';
import { OutboxService } from '@switchboard/bus';
import { isProviderError, type ProviderRegistry, type TokenSet } from '@switchboard/providers';
import { DataSource } from 'typeorm';
import { VAULT_ENV, type VaultEnv } from '../config';
import { CredentialEntity } from '../credentials/credential.entity';
import { CredentialStore } from '../credentials/credential-store';
import type { SecretPayload } from '../credentials/secret-payload';
import { PROVIDERS } from '../providers.provider';
import { refreshOutcomes } from './refresh.metrics';
import { RefreshLock, type LockGrant } from './refresh-lock';

const WAIT_STEP_MS = 50;

/**
 * Refreshes a connection's tokens inside the vault. One refresh per connection at a time across
 * all replicas (lock + fencing token); callers that arrive meanwhile join it instead of calling
 * the provider again; the write-back is a compare-and-swap on the credential version.
 */
@Injectable()
export class RefreshService {
  private readonly logger = new Logger('refresh');
  private readonly inFlight = new Map<string, Promise<RefreshOutcome>>();
  private readonly lock: RefreshLock;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CredentialStore,
    private readonly outbox: OutboxService,
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
    @Inject(VAULT_ENV) private readonly env: VaultEnv,
  ) {
    this.lock = new RefreshLock(dataSource, env.VAULT_LOCK_TTL_MS);
  }

  refresh(connectionId: string, teamId: string): Promise<RefreshOutcome> {
    const running = this.inFlight.get(connectionId);
    if (running) return running.then(joined);
    const attempt = this.refreshOnce(connectionId, teamId).finally(() =>
      this.inFlight.delete(connectionId),
    );
    this.inFlight.set(connectionId, attempt);
    return attempt;
  }

  private async refreshOnce(connectionId: string, teamId: string): Promise<RefreshOutcome> {
    const before = await this.store.find(connectionId, teamId);
    if (before.status !== 'active') return deadOutcome(before);
    const deadline = Date.now() + this.env.VAULT_LOCK_TTL_MS + 5000;
    for (;;) {
      const grant = await this.lock.tryAcquire(connectionId);
      if (grant) {
        if (grant.version !== before.version) {
          // someone refreshed between our read and the lock: nothing left to do
          await this.lock.release(connectionId, grant.fence);
          return joined(refreshedOutcome(await this.store.find(connectionId, teamId), false));
        }
        return this.refreshLocked(before, grant);
      }
      const now = await this.store.find(connectionId, teamId);
      if (now.status !== 'active') return deadOutcome(now);
      if (now.version !== before.version) return refreshedOutcome(now, false);
      if (Date.now() > deadline) {
        return {
          outcome: 'transient',
          reason: 'refresh lock busy',
          retryAfterSeconds: 1,
          providerStatus: null,
        };
      }
      await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
    }
  }

  private async refreshLocked(row: CredentialEntity, grant: LockGrant): Promise<RefreshOutcome> {
    const type = row.type as PlatformType;
    let secret: SecretPayload;
    try {
      secret = this.store.open(row);
    } catch (error) {
      await this.lock.release(row.connectionId, grant.fence);
      throw error;
    }
    if (!secret.refreshToken) {
      await this.lock.release(row.connectionId, grant.fence);
      return {
        outcome: 'reauth_required',
        reason: 'no refresh token is held for this connection',
        providerStatus: null,
      };
    }
    let tokens: TokenSet;
    try {
      tokens = await this.providers
        .get(type)
        .refresh({ refreshToken: secret.refreshToken, scopes: row.scopes });
    } catch (error) {
      return this.onFailure(row, grant, error);
    }
    return this.persistRefreshed(row, grant, secret, tokens);
  }

  private async persistRefreshed(
    row: CredentialEntity,
    grant: LockGrant,
    old: SecretPayload,
    tokens: TokenSet,
  ): Promise<RefreshOutcome> {
    const version = row.version + 1;
    const refreshToken = tokens.refreshToken ?? old.refreshToken;
    const refreshExpiresAt = tokens.refreshToken ? tokens.refreshExpiresAt : row.refreshExpiresAt;
    const sealed = this.store.seal(
      { accessToken: tokens.accessToken, refreshToken, extra: { ...old.extra, ...tokens.extra } },
      row.teamId,
      row.connectionId,
      version,
    );
    const refreshable =
      refreshToken !== null && (!refreshExpiresAt || refreshExpiresAt > new Date());
    const refreshedAt = new Date();
    const stored = await this.dataSource.transaction(async (tx) => {
      const result: [unknown[], number] = await tx.query(
        `UPDATE token_vault.credential SET
           version = $3, kek_id = $4, wrapped_key = $5, iv = $6, ciphertext = $7, tag = $8,
           token_type = $9, scopes = $10, expires_at = $11, refresh_expires_at = $12,
           refreshable = $13, refreshed_at = $14, updated_at = $14, lock_until = NULL
         WHERE connection_id = $1 AND version = $2 AND lock_token = $15 AND status = 'active'`,
        [
          row.connectionId,
          row.version,
          version,
          sealed.kekId,
          sealed.wrappedKey,
          sealed.iv,
          sealed.ciphertext,
          sealed.tag,
          tokens.tokenType || row.tokenType,
          tokens.scopes.length ? tokens.scopes : row.scopes,
          tokens.expiresAt,
          refreshExpiresAt,
          refreshable,
          refreshedAt,
          grant.fence,
        ],
      );
      if (result[1] !== 1) return false;
      await this.outbox.enqueue(
        tx,
        TOKEN_REFRESHED_V1,
        {
          connectionId: row.connectionId,
          teamId: row.teamId,
          type: row.type as PlatformType,
          credentialVersion: version,
          refreshedAt: refreshedAt.toISOString(),
          expiresAt: tokens.expiresAt?.toISOString() ?? null,
          refreshable,
          refreshExpiresAt: refreshExpiresAt?.toISOString() ?? null,
        },
        row.connectionId,
      );
      return true;
    });
    if (!stored) {
      refreshOutcomes.inc({ platform: row.type, outcome: 'stale_write' });
      this.logger.error({
        msg: 'refresh write rejected: lock lapsed and a newer version exists',
        connectionId: row.connectionId,
      });
      throw new CodedError(
        ErrorCodes.staleWrite,
        'refresh lock lapsed; a newer credential version exists',
      );
    }
    refreshOutcomes.inc({ platform: row.type, outcome: 'refreshed' });
    return {
      outcome: 'refreshed',
      credentialVersion: version,
      expiresAt: tokens.expiresAt?.toISOString() ?? null,
      refreshExpiresAt: refreshExpiresAt?.toISOString() ?? null,
      refreshable,
      providerCalled: true,
    };
  }

  private async onFailure(
    row: CredentialEntity,
    grant: LockGrant,
    error: unknown,
  ): Promise<RefreshOutcome> {
    if (!isProviderError(error)) {
      await this.lock.release(row.connectionId, grant.fence);
      this.logger.error({
        msg: 'refresh failed unexpectedly',
        connectionId: row.connectionId,
        err: error,
      });
      refreshOutcomes.inc({ platform: row.type, outcome: 'transient' });
      return {
        outcome: 'transient',
        reason: 'internal error',
        retryAfterSeconds: null,
        providerStatus: null,
      };
    }
    if (error.kind === 'transient' || error.kind === 'invalid_request') {
      await this.lock.release(row.connectionId, grant.fence);
      refreshOutcomes.inc({ platform: row.type, outcome: 'transient' });
      return {
        outcome: 'transient',
        reason: error.message,
        retryAfterSeconds: error.retryAfterSeconds,
        providerStatus: error.status,
      };
    }
    const reason = error.kind === 'permission_lost' ? 'permission_lost' : 'reauth_required';
    await this.dataSource.transaction(async (tx) => {
      const result: [unknown[], number] = await tx.query(
        `UPDATE token_vault.credential SET status = 'reauth_required', lock_until = NULL, updated_at = now()
         WHERE connection_id = $1 AND lock_token = $2 AND status = 'active'`,
        [row.connectionId, grant.fence],
      );
      if (result[1] !== 1) return;
      await this.outbox.enqueue(
        tx,
        REFRESH_FAILED_V1,
        {
          connectionId: row.connectionId,
          teamId: row.teamId,
          type: row.type as PlatformType,
          credentialVersion: row.version,
          reason,
          detail: error.message.slice(0, 1000),
          providerError: error.providerCode,
          missingScopes: error.missingScopes,
          failedAt: new Date().toISOString(),
        },
        row.connectionId,
      );
    });
    refreshOutcomes.inc({ platform: row.type, outcome: reason });
    return reason === 'permission_lost'
      ? {
          outcome: 'permission_lost',
          reason: error.message,
          missingScopes: error.missingScopes,
          providerStatus: error.status,
        }
      : { outcome: 'reauth_required', reason: error.message, providerStatus: error.status };
  }
}

function joined(outcome: RefreshOutcome): RefreshOutcome {
  return outcome.outcome === 'refreshed' ? { ...outcome, providerCalled: false } : outcome;
}

function refreshedOutcome(row: CredentialEntity, providerCalled: boolean): RefreshOutcome {
  return {
    outcome: 'refreshed',
    credentialVersion: row.version,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    refreshExpiresAt: row.refreshExpiresAt?.toISOString() ?? null,
    refreshable: row.refreshable,
    providerCalled,
  };
}

function deadOutcome(row: CredentialEntity): RefreshOutcome {
  return {
    outcome: 'reauth_required',
    reason:
      row.status === 'revoked'
        ? 'the connection was disconnected'
        : 'the grant was rejected earlier; reconnect needed',
    providerStatus: null,
  };
}

import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  REFRESH_FAILED_V1,
  TOKEN_REFRESHED_V1,
  type PlatformType,
  type RefreshOutcome,
} from '@switchboard/contracts';
import { OutboxService } from '@switchboard/bus';
import type { ProviderAdapter, ProviderRegistry, TokenSet } from '@switchboard/providers';
import { DataSource } from 'typeorm';
import { AppAdapters } from '../apps/app-adapters';
import { DecryptAudit } from '../audit/decrypt-audit';
import { VAULT_ENV, type VaultEnv } from '../config';
import { CredentialRepository } from '../credentials/credential.repository';
import type { CredentialRow } from '../credentials/credential.row';
import { CredentialStore } from '../credentials/credential-store';
import type { SecretPayload } from '../credentials/secret-payload';
import { KeyRingService } from '../keys/key-ring.service';
import { PROVIDERS } from '../providers.provider';
import { classifyRefreshFailure, type RefreshFailure } from './refresh-failure';
import { refreshOutcomes } from './refresh.metrics';
import { sealedValues } from '../crypto/envelope';
import { RefreshLock, type LockGrant } from './refresh-lock';
import { RefreshWriter } from './refresh-writer';

const WAIT_STEP_MS = 50;

/**
 * One refreshed credential, compare-and-swap on version, fencing token and status — the path
 * after a rotation this replica had not seen (the usual one is `RefreshWriter`'s batch).
 */
const WRITE_SQL = `UPDATE token_vault.credential SET version = $3, kek_id = $4, wrapped_key = $5,
    iv = $6, ciphertext = $7, tag = $8, token_type = $9, scopes = $10, expires_at = $11,
    refresh_expires_at = $12, refreshable = $13, refreshed_at = $14, updated_at = $14,
    lock_until = NULL
  WHERE connection_id = $1 AND version = $2 AND lock_token = $15 AND status = 'active'`;

export interface RefreshRequest {
  connectionId: string;
  teamId: string;
  /** Who asked (recorded in the decrypt audit with `purpose`). */
  caller: string;
  purpose: string;
  /**
   * The credential version the caller saw when it decided a refresh was due: if the credential
   * has moved on since, someone else refreshed and this call joins that result.
   */
  observedVersion?: number;
}

/**
 * Refreshes a connection's tokens inside the vault. One refresh per connection at a time across
 * all replicas (lock + fencing token); callers that arrive meanwhile join it instead of calling
 * the provider again; the write-back is a compare-and-swap on the credential version and the
 * fencing token, so a holder whose lock lapsed cannot overwrite newer tokens.
 */
@Injectable()
export class RefreshService {
  private readonly logger = new Logger('refresh');
  private readonly inFlight = new Map<string, Promise<RefreshOutcome>>();
  private readonly lock: RefreshLock;
  private readonly writer: RefreshWriter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly credentials: CredentialRepository,
    private readonly store: CredentialStore,
    private readonly keyRing: KeyRingService,
    private readonly outbox: OutboxService,
    private readonly audit: DecryptAudit,
    @Inject(PROVIDERS) private readonly providers: ProviderRegistry,
    @Inject(VAULT_ENV) private readonly env: VaultEnv,
    /** Absent in hand-built test rigs: the deployment's app is used then. */
    @Optional() private readonly apps?: AppAdapters,
  ) {
    this.lock = new RefreshLock(dataSource, env.VAULT_LOCK_TTL_MS);
    this.writer = new RefreshWriter(dataSource);
  }

  refresh(req: RefreshRequest): Promise<RefreshOutcome> {
    const key = `${req.teamId}/${req.connectionId}`;
    const running = this.inFlight.get(key);
    if (running) return running.then(joined);
    const attempt = this.refreshOnce(req).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, attempt);
    return attempt;
  }

  private async refreshOnce(req: RefreshRequest): Promise<RefreshOutcome> {
    // the common case — nobody else holds the lock — in one statement: lock and read together
    const locked = await this.lock.acquireWithRow(req.connectionId, req.teamId);
    if (locked) {
      if (this.alreadyDone(locked.row, req)) {
        await this.lock.release(req.connectionId, locked.grant.fence);
        return refreshedOutcome(locked.row, false);
      }
      return this.refreshLocked(locked.row, locked.grant, req);
    }
    const before = await this.credentials.find(req.connectionId, req.teamId);
    if (before.status !== 'active') return deadOutcome(before);
    if (this.alreadyDone(before, req)) return refreshedOutcome(before, false);
    const deadline = Date.now() + this.env.VAULT_LOCK_TTL_MS + 5000;
    for (;;) {
      const grant = await this.lock.tryAcquire(req.connectionId);
      if (grant) {
        if (grant.version !== before.version) {
          // someone refreshed between our read and the lock: nothing left to do
          await this.lock.release(req.connectionId, grant.fence);
          return refreshedOutcome(await this.credentials.find(req.connectionId, req.teamId), false);
        }
        return this.refreshLocked(before, grant, req);
      }
      const now = await this.credentials.find(req.connectionId, req.teamId);
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

  /** Someone else refreshed since the caller looked, or there is nothing to refresh yet. */
  private alreadyDone(row: CredentialRow, req: RefreshRequest): boolean {
    if (req.observedVersion !== undefined && row.version !== req.observedVersion) return true;
    if (this.recentlyRefreshed(row)) return true;
    return req.purpose === 'scheduled' && stillFresh(row);
  }

  /** Refreshed so recently that a second call can only be a race with the first one. */
  private recentlyRefreshed(row: CredentialRow): boolean {
    if (!row.refreshedAt) return false;
    const sinceMs = Date.now() - row.refreshedAt.getTime();
    const lifetimeMs = row.expiresAt ? row.expiresAt.getTime() - row.refreshedAt.getTime() : null;
    const windowMs = Math.min(
      this.env.VAULT_REFRESH_COALESCE_SECONDS * 1000,
      lifetimeMs === null ? Number.POSITIVE_INFINITY : lifetimeMs / 10,
    );
    return sinceMs < windowMs;
  }

  private async refreshLocked(
    row: CredentialRow,
    grant: LockGrant,
    req: RefreshRequest,
  ): Promise<RefreshOutcome> {
    let secret: SecretPayload;
    try {
      secret = this.store.open(row);
    } catch (error) {
      await this.lock.release(row.connectionId, grant.fence);
      throw error;
    }
    this.audit.record({
      caller: req.caller,
      purpose: `refresh:${req.purpose}`,
      connectionId: row.connectionId,
      teamId: row.teamId,
      credentialVersion: row.version,
    });
    if (!secret.refreshToken) {
      await this.lock.release(row.connectionId, grant.fence);
      return {
        outcome: 'reauth_required',
        reason: 'no refresh token is held for this connection',
        providerStatus: null,
      };
    }
    let tokens: TokenSet;
    let adapter: ProviderAdapter;
    try {
      adapter = this.apps
        ? await this.apps.forApp(row.type, row.appKey)
        : this.providers.get(row.type as PlatformType);
    } catch (error) {
      await this.lock.release(row.connectionId, grant.fence);
      throw error;
    }
    try {
      tokens = await adapter.refresh({
        refreshToken: secret.refreshToken,
        scopes: row.scopes,
        extra: secret.extra,
      });
    } catch (error) {
      return this.onFailure(row, grant, classifyRefreshFailure(error, adapter.refreshRotates));
    }
    return this.persistRefreshed(row, grant, secret, tokens);
  }

  private async persistRefreshed(
    row: CredentialRow,
    grant: LockGrant,
    old: SecretPayload,
    tokens: TokenSet,
  ): Promise<RefreshOutcome> {
    const version = row.version + 1;
    // every token field the platform sent is kept; the old refresh token only when it sent none
    const refreshToken = tokens.refreshToken ?? old.refreshToken;
    const refreshExpiresAt = tokens.refreshToken ? tokens.refreshExpiresAt : row.refreshExpiresAt;
    const refreshable =
      refreshToken !== null && (!refreshExpiresAt || refreshExpiresAt > new Date());
    const refreshedAt = new Date();
    const event = this.outbox.prepare(
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
    const extra = { ...old.extra, ...tokens.extra };
    const tokenType = tokens.tokenType || row.tokenType;
    const scopes = tokens.scopes.length ? tokens.scopes : row.scopes;
    const seal = (kekId: string) =>
      this.store.seal(
        { accessToken: tokens.accessToken, refreshToken, extra },
        row.teamId,
        row.connectionId,
        version,
        kekId,
      );
    // sealed with the key this replica believes active, written with others of this turn; a
    // rotation it has not seen yet makes the key check fail, and the transaction below reads the
    // active key under a share lock
    const fast = await this.writer.write({
      connectionId: row.connectionId,
      fromVersion: row.version,
      version,
      sealed: seal(this.keyRing.activeKeyId),
      tokenType,
      scopes,
      expiresAt: tokens.expiresAt,
      refreshExpiresAt,
      refreshable,
      refreshedAt,
      fence: grant.fence,
      event,
    });
    const stored = fast.keyActive
      ? fast.written
      : await this.dataSource.transaction(async (tx) => {
          const result: [unknown[], number] = await tx.query(WRITE_SQL, [
            row.connectionId,
            row.version,
            version,
            ...sealedValues(seal(await this.keyRing.activeForWrite(tx))),
            tokenType,
            scopes,
            tokens.expiresAt,
            refreshExpiresAt,
            refreshable,
            refreshedAt,
            grant.fence,
          ]);
          if (result[1] !== 1) return false;
          await this.outbox.insert(tx, event);
          return true;
        });
    if (!stored) {
      refreshOutcomes.inc({ platform: row.type, outcome: 'stale_write' });
      this.logger.error({
        msg: 'refresh write rejected: the lock lapsed and another holder took it',
        connectionId: row.connectionId,
        fence: grant.fence,
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
      eventId: event.id,
    };
  }

  private async onFailure(
    row: CredentialRow,
    grant: LockGrant,
    failure: RefreshFailure,
  ): Promise<RefreshOutcome> {
    if (failure.kind === 'transient') {
      await this.lock.release(row.connectionId, grant.fence);
      refreshOutcomes.inc({ platform: row.type, outcome: 'transient' });
      return {
        outcome: 'transient',
        reason: failure.reason.slice(0, 500),
        retryAfterSeconds: failure.retryAfterSeconds,
        providerStatus: failure.providerStatus,
      };
    }
    // the grant is dead: marked in the same transaction as the one RefreshFailed it causes
    await this.dataSource.transaction(async (tx) => {
      const result: [unknown[], number] = await tx.query(
        `UPDATE token_vault.credential SET status = 'reauth_required', refreshable = false,
           lock_until = NULL, updated_at = now()
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
          reason: failure.reason,
          detail: failure.detail.slice(0, 1000),
          providerError: failure.providerError,
          missingScopes: failure.missingScopes,
          failedAt: new Date().toISOString(),
        },
        row.connectionId,
      );
    });
    refreshOutcomes.inc({ platform: row.type, outcome: failure.reason });
    if (failure.providerError === 'response_lost') {
      this.logger.warn({
        msg: 'refresh answer lost; reconnect required',
        connectionId: row.connectionId,
      });
    }
    return failure.reason === 'permission_lost'
      ? {
          outcome: 'permission_lost',
          reason: failure.detail.slice(0, 500),
          missingScopes: failure.missingScopes,
          providerStatus: failure.providerStatus,
        }
      : {
          outcome: 'reauth_required',
          reason: failure.detail.slice(0, 500),
          providerStatus: failure.providerStatus,
        };
  }
}

/**
 * More than three quarters of the token's lifetime left: a scheduled refresh (planned at most half
 * a lifetime ahead) can only be arriving after someone else refreshed, e.g. inline on a read.
 */
function stillFresh(row: CredentialRow): boolean {
  if (!row.expiresAt) return false;
  const start = (row.refreshedAt ?? row.issuedAt).getTime();
  const lifetimeMs = row.expiresAt.getTime() - start;
  return lifetimeMs > 0 && (row.expiresAt.getTime() - Date.now()) / lifetimeMs > 0.75;
}

function joined(outcome: RefreshOutcome): RefreshOutcome {
  if (outcome.outcome !== 'refreshed') return outcome;
  // the event belongs to the caller whose refresh this was
  const { eventId: _published, ...rest } = outcome;
  return { ...rest, providerCalled: false };
}

function refreshedOutcome(row: CredentialRow, providerCalled: boolean): RefreshOutcome {
  return {
    outcome: 'refreshed',
    credentialVersion: row.version,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    refreshExpiresAt: row.refreshExpiresAt?.toISOString() ?? null,
    refreshable: row.refreshable,
    providerCalled,
  };
}

function deadOutcome(row: CredentialRow): RefreshOutcome {
  return {
    outcome: 'reauth_required',
    reason:
      row.status === 'revoked'
        ? 'the connection was disconnected'
        : 'the grant was rejected earlier; reconnect needed',
    providerStatus: null,
  };
}

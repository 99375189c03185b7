import type { Clock } from '../clock';
import type { PkceChallenge } from '../oauth/pkce';
import { newOpaqueToken, newRecordId } from '../opaque-token';

/** What the user approved: who, for which client, which scopes, bound to which redirect and PKCE. */
export interface Authorization {
  readonly type: string;
  readonly clientId: string;
  readonly userName: string;
  readonly userId: string;
  readonly scopes: readonly string[];
  readonly redirectUri: string;
  readonly pkce: PkceChallenge | null;
}

export interface AuthorizationCode extends Authorization {
  readonly expiresAt: number;
  /** Set on the first redemption attempt: a code is single use even if that attempt failed. */
  consumed: boolean;
  /** The grant the code produced, revoked if the code is presented again (RFC 6749 4.1.2). */
  grantId: string | null;
}

export type RevokeReason =
  'user-withdrew' | 'refresh-token-reuse' | 'code-reuse' | 'client-revoked';

export interface Grant extends Authorization {
  readonly id: string;
  readonly createdAt: number;
  status: 'active' | 'revoked';
  revokedAt: number | null;
  revokedReason: RevokeReason | null;
  /** For platforms whose refresh-token lifetime counts from the first authorization. */
  refreshChainExpiresAt: number | null | undefined;
  accessTokensIssued: number;
  refreshTokensIssued: number;
  refreshes: number;
}

export interface AccessTokenRecord {
  readonly grantId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
}

export interface RefreshTokenRecord {
  readonly grantId: string;
  readonly expiresAt: number | null;
  usedAt: number | null;
}

/** A grant as the control API shows it: never a token value. */
export interface GrantView {
  readonly id: string;
  readonly type: string;
  readonly clientId: string;
  readonly user: string;
  readonly userId: string;
  readonly scopes: readonly string[];
  readonly redirectUri: string;
  readonly status: 'active' | 'revoked';
  readonly revokedReason: RevokeReason | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly accessTokensIssued: number;
  readonly refreshTokensIssued: number;
  readonly refreshes: number;
}

export interface GrantFilter {
  readonly type?: string;
  readonly user?: string;
}

export interface IssuedToken {
  readonly token: string;
  /** Seconds until expiry, `null` when it never expires. */
  readonly expiresIn: number | null;
}

const SWEEP_EVERY = 256;
const KEEP_EXPIRED_CODES_MS = 10 * 60 * 1000;

export class GrantStore {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly grants = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private codesSinceSweep = 0;

  constructor(private readonly clock: Clock) {}

  issueCode(authorization: Authorization, ttlSeconds: number): string {
    this.sweepCodes();
    const code = newOpaqueToken('code');
    this.codes.set(code, {
      ...authorization,
      expiresAt: this.clock() + ttlSeconds * 1000,
      consumed: false,
      grantId: null,
    });
    return code;
  }

  findCode(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }

  createGrant(code: AuthorizationCode): Grant {
    const {
      expiresAt: _expiresAt,
      consumed: _consumed,
      grantId: _grantId,
      ...authorization
    } = code;
    const grant: Grant = {
      ...authorization,
      id: newRecordId('grant'),
      createdAt: this.clock(),
      status: 'active',
      revokedAt: null,
      revokedReason: null,
      refreshChainExpiresAt: undefined,
      accessTokensIssued: 0,
      refreshTokensIssued: 0,
      refreshes: 0,
    };
    this.grants.set(grant.id, grant);
    code.grantId = grant.id;
    return grant;
  }

  getGrant(grantId: string): Grant | undefined {
    return this.grants.get(grantId);
  }

  issueAccessToken(grant: Grant, scopes: readonly string[], ttlSeconds: number): IssuedToken {
    const token = newOpaqueToken('access');
    this.accessTokens.set(token, {
      grantId: grant.id,
      scopes,
      expiresAt: this.clock() + ttlSeconds * 1000,
    });
    grant.accessTokensIssued += 1;
    return { token, expiresIn: ttlSeconds };
  }

  /**
   * `sliding`: each refresh token lives `ttlSeconds` from its issue. `fixed`: all of a grant's
   * refresh tokens expire when the first one does (LinkedIn, TikTok Business).
   */
  issueRefreshToken(
    grant: Grant,
    ttlSeconds: number | null,
    expiry: 'sliding' | 'fixed',
  ): IssuedToken {
    const now = this.clock();
    let expiresAt: number | null = ttlSeconds === null ? null : now + ttlSeconds * 1000;
    if (expiry === 'fixed') {
      if (grant.refreshChainExpiresAt === undefined) grant.refreshChainExpiresAt = expiresAt;
      expiresAt = grant.refreshChainExpiresAt;
    }
    const token = newOpaqueToken('refresh');
    this.refreshTokens.set(token, { grantId: grant.id, expiresAt, usedAt: null });
    grant.refreshTokensIssued += 1;
    return {
      token,
      expiresIn: expiresAt === null ? null : Math.max(0, Math.round((expiresAt - now) / 1000)),
    };
  }

  findRefreshToken(token: string): RefreshTokenRecord | undefined {
    return this.refreshTokens.get(token);
  }

  findAccessToken(token: string): AccessTokenRecord | undefined {
    return this.accessTokens.get(token);
  }

  revokeGrant(grant: Grant, reason: RevokeReason): void {
    if (grant.status === 'revoked') return;
    grant.status = 'revoked';
    grant.revokedAt = this.clock();
    grant.revokedReason = reason;
  }

  /** The user withdrew access: every grant of theirs for that platform dies. */
  revokeUserGrants(type: string, userName: string): number {
    let revoked = 0;
    for (const grant of this.grants.values()) {
      if (grant.type === type && grant.userName === userName && grant.status === 'active') {
        this.revokeGrant(grant, 'user-withdrew');
        revoked += 1;
      }
    }
    return revoked;
  }

  /** RFC 7009: either token kills the whole grant; tokens of other clients are ignored silently. */
  revokeByToken(type: string, clientId: string, token: string): boolean {
    const record = this.accessTokens.get(token) ?? this.refreshTokens.get(token);
    const grant = record === undefined ? undefined : this.grants.get(record.grantId);
    if (grant === undefined || grant.type !== type || grant.clientId !== clientId) return false;
    this.revokeGrant(grant, 'client-revoked');
    return true;
  }

  list(filter: GrantFilter): GrantView[] {
    return [...this.grants.values()]
      .filter((grant) => filter.type === undefined || grant.type === filter.type)
      .filter((grant) => filter.user === undefined || grant.userName === filter.user)
      .map((grant) => ({
        id: grant.id,
        type: grant.type,
        clientId: grant.clientId,
        user: grant.userName,
        userId: grant.userId,
        scopes: grant.scopes,
        redirectUri: grant.redirectUri,
        status: grant.status,
        revokedReason: grant.revokedReason,
        createdAt: new Date(grant.createdAt).toISOString(),
        revokedAt: grant.revokedAt === null ? null : new Date(grant.revokedAt).toISOString(),
        accessTokensIssued: grant.accessTokensIssued,
        refreshTokensIssued: grant.refreshTokensIssued,
        refreshes: grant.refreshes,
      }));
  }

  reset(): void {
    this.codes.clear();
    this.grants.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  private sweepCodes(): void {
    this.codesSinceSweep += 1;
    if (this.codesSinceSweep < SWEEP_EVERY) return;
    this.codesSinceSweep = 0;
    const cutoff = this.clock() - KEEP_EXPIRED_CODES_MS;
    for (const [code, record] of this.codes) {
      if (record.expiresAt < cutoff) this.codes.delete(code);
    }
  }
}

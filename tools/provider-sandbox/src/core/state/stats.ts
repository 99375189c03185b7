export interface StatsSnapshot {
  readonly tokenCalls: Record<string, Record<string, number>>;
  readonly refreshTokenReuse: number;
  readonly revokeCalls: Record<string, number>;
}

const MAX_GRANT_TYPE_KEY = 64;

export class SandboxStats {
  private tokenCalls = new Map<string, Map<string, number>>();
  private revokeCalls = new Map<string, number>();
  private refreshTokenReuse = 0;

  /** Every token-endpoint request counts, failed and fault-injected ones too. */
  countTokenCall(type: string, grantType: unknown): void {
    const key =
      typeof grantType === 'string' && grantType !== '' && grantType.length <= MAX_GRANT_TYPE_KEY
        ? grantType
        : 'unknown';
    const perType = this.tokenCalls.get(type) ?? new Map<string, number>();
    perType.set(key, (perType.get(key) ?? 0) + 1);
    this.tokenCalls.set(type, perType);
  }

  countRevokeCall(type: string): void {
    this.revokeCalls.set(type, (this.revokeCalls.get(type) ?? 0) + 1);
  }

  countRefreshTokenReuse(): void {
    this.refreshTokenReuse += 1;
  }

  snapshot(): StatsSnapshot {
    const tokenCalls: Record<string, Record<string, number>> = {};
    for (const [type, perType] of this.tokenCalls) tokenCalls[type] = Object.fromEntries(perType);
    return {
      tokenCalls,
      refreshTokenReuse: this.refreshTokenReuse,
      revokeCalls: Object.fromEntries(this.revokeCalls),
    };
  }

  reset(): void {
    this.tokenCalls = new Map();
    this.revokeCalls = new Map();
    this.refreshTokenReuse = 0;
  }
}

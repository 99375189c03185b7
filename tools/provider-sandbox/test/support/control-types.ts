export interface StatsBody {
  readonly tokenCalls: Record<string, Record<string, number>>;
  readonly refreshTokenReuse: number;
  readonly revokeCalls: Record<string, number>;
}

export interface GrantItem {
  readonly id: string;
  readonly type: string;
  readonly clientId: string;
  readonly user: string;
  readonly userId: string;
  readonly scopes: string[];
  readonly status: 'active' | 'revoked';
  readonly revokedReason: string | null;
  readonly accessTokensIssued: number;
  readonly refreshTokensIssued: number;
  readonly refreshes: number;
}

export interface ControlError {
  readonly code: string;
  readonly message: string;
}

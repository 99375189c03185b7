export type CredentialStatus = 'active' | 'reauth_required' | 'revoked';

/** One connection's tokens, sealed. Nothing here is readable without the key ring. */
export interface CredentialRow {
  connectionId: string;
  teamId: string;
  type: string;
  externalId: string;
  version: number;
  status: CredentialStatus;
  kekId: string | null;
  wrappedKey: Buffer | null;
  iv: Buffer | null;
  ciphertext: Buffer | null;
  tag: Buffer | null;
  tokenType: string;
  scopes: string[];
  expiresAt: Date | null;
  refreshExpiresAt: Date | null;
  refreshable: boolean;
  issuedAt: Date;
  refreshedAt: Date | null;
  /** The app the tokens were issued to (a team's own, a Mastodon instance's); null: ours. */
  appKey: string | null;
}

/** The columns of `CredentialRow`, for `SELECT ${CREDENTIAL_COLUMNS} FROM token_vault.credential`. */
export const CREDENTIAL_COLUMNS = `connection_id, team_id, type, external_id, version, status, kek_id,
  wrapped_key, iv, ciphertext, tag, token_type, scopes, expires_at, refresh_expires_at, refreshable,
  issued_at, refreshed_at, app_key`;

export interface CredentialRecord {
  connection_id: string;
  team_id: string;
  type: string;
  external_id: string;
  version: number;
  status: CredentialStatus;
  kek_id: string | null;
  wrapped_key: Buffer | null;
  iv: Buffer | null;
  ciphertext: Buffer | null;
  tag: Buffer | null;
  token_type: string;
  scopes: string[];
  expires_at: Date | null;
  refresh_expires_at: Date | null;
  refreshable: boolean;
  issued_at: Date;
  refreshed_at: Date | null;
  app_key: string | null;
}

export function toCredentialRow(r: CredentialRecord): CredentialRow {
  return {
    connectionId: r.connection_id,
    teamId: r.team_id,
    type: r.type,
    externalId: r.external_id,
    version: r.version,
    status: r.status,
    kekId: r.kek_id,
    wrappedKey: r.wrapped_key,
    iv: r.iv,
    ciphertext: r.ciphertext,
    tag: r.tag,
    tokenType: r.token_type,
    scopes: r.scopes,
    expiresAt: r.expires_at,
    refreshExpiresAt: r.refresh_expires_at,
    refreshable: r.refreshable,
    issuedAt: r.issued_at,
    refreshedAt: r.refreshed_at,
    appKey: r.app_key,
  };
}

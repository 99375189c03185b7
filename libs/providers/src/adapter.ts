import type { PlatformType } from '@switchboard/contracts';
import type { JsonValue } from './json';
import type { ServerDiscovery } from './server-discovery';

/**
 * Tokens as a platform issued them, normalised. Expiry instants are computed from the response's
 * `expires_in` / `refresh_token_expires_in` at the moment it was read (never hard-coded lifetimes).
 */
export interface TokenSet {
  accessToken: string;
  /**
   * Null when the response carried none. After a refresh this means "keep the refresh token you
   * already hold" (non-rotating providers such as Google send none); store a non-null one at once,
   * it replaces the old one, which a rotating provider has just invalidated.
   */
  refreshToken: string | null;
  tokenType: string;
  expiresAt: Date | null;
  /** Null when unknown, or when `refreshToken` is null (keep the stored one's expiry then). */
  refreshExpiresAt: Date | null;
  /** Granted scopes; when the response omits `scope`, the scopes that were requested. */
  scopes: string[];
  /** Other non-standard fields of the token response (e.g. `open_id`); never a token. */
  extra: Record<string, JsonValue>;
}

/** Who the connected account is. */
export interface AccountIdentity {
  externalId: string;
  displayName: string;
  avatarUrl: string | null;
}

export interface AuthorizationUrlParams {
  /** Random, single-use (see `randomState`). */
  state: string;
  redirectUri: string;
  /** Scopes to request; the adapter adds any `requiredScopes()` missing from the list. */
  scopes: readonly string[];
  /** `base64url(sha256(verifier))`; required when `pkce` is `S256`, ignored when `none`. */
  codeChallenge: string | null;
}

export interface ExchangeCodeParams {
  code: string;
  /** Exactly the redirect URI used in the authorization URL. */
  redirectUri: string;
  /** Required when `pkce` is `S256`. */
  codeVerifier: string | null;
  /** The scopes asked for; reported as granted when the provider's response omits `scope`. */
  requestedScopes?: readonly string[];
}

export interface RefreshParams {
  refreshToken: string;
  /** The scopes currently held; reported as granted when the provider's response omits `scope`. */
  scopes: readonly string[];
  /** The stored `extra` (Bluesky: its PDS, token endpoint and DPoP key). */
  extra?: Readonly<Record<string, JsonValue>>;
}

export interface RevokeParams {
  accessToken: string | null;
  refreshToken: string | null;
  /** The stored `extra`, as for `refresh`. */
  extra?: Readonly<Record<string, JsonValue>>;
}

/**
 * One platform's OAuth surface. `oauth` uses the first half (authorization URL, code exchange,
 * identity); `token-vault` the second (refresh, revoke). Every failing call rejects with a
 * `ProviderError` whose `kind` says what to do next.
 */
export interface ProviderAdapter {
  readonly type: PlatformType;
  readonly pkce: 'S256' | 'none';
  /** The RFC 9207 `iss` the callback must carry; null when the platform does not send one. */
  readonly expectedIssuer: string | null;
  /**
   * True when every refresh returns a new refresh token and kills the old one: a refresh whose
   * response was lost leaves the connection needing re-authorization.
   */
  readonly refreshRotates: boolean;
  /** Scopes without which Switchboard cannot work with the account. */
  requiredScopes(): string[];
  /** Scopes requested when the caller asks for nothing more. */
  defaultScopes(): string[];
  authorizationUrl(params: AuthorizationUrlParams): string;
  exchangeCode(params: ExchangeCodeParams): Promise<TokenSet>;
  identify(tokens: TokenSet): Promise<AccountIdentity>;
  /** See `TokenSet.refreshToken` for what a null refresh token in the answer means. */
  refresh(params: RefreshParams): Promise<TokenSet>;
  /**
   * Revokes the grant at the provider (the refresh token when there is one, which ends the whole
   * grant at most providers; else the access token). `{revoked: false}` when the platform has no
   * revocation endpoint or said it did not revoke; rejects when the call failed.
   */
  revoke(params: RevokeParams): Promise<{ revoked: boolean }>;
  /** Whether `refresh` can be expected to work for these tokens now. */
  refreshable(tokens: Pick<TokenSet, 'refreshToken' | 'refreshExpiresAt'>): boolean;
  /**
   * For platforms where the user must choose what to connect (a Facebook Page, an Instagram
   * account, a LinkedIn organization, a YouTube channel, a Google Business location…): how to
   * list the candidates and how to turn the user's grant into the chosen channel's credential.
   * Null when the authorized account itself is what gets connected.
   */
  readonly channels: ChannelSupport | null;
  /**
   * For platforms that push revocations to us (Meta's deauthorize and data-deletion callbacks
   * with a `signed_request`, Slack's events): verifies the payload with the app's secret and
   * says which platform user withdrew access. Null when the platform pushes nothing.
   */
  readonly pushRevocation: PushRevocationSupport | null;
  /** Per-user server discovery and pushed authorization requests (Bluesky); absent elsewhere. */
  readonly discovery?: ServerDiscovery;
}

export interface PushRevocationSupport {
  /** Rejects (with `ProviderError` kind `invalid_request`) a payload that is malformed or badly signed. */
  verify(payload: string): { platformUserId: string };
}

/** One thing the user may choose to connect. */
export interface ChannelCandidate {
  /** The platform's id of the channel (Page id, organization URN, location name…). */
  id: string;
  name: string;
  avatarUrl: string | null;
  /** False when it cannot be connected (e.g. a Page the user cannot create content on). */
  eligible: boolean;
  /** What helps a person choose, or why it is not eligible: category, @username, address, followers. */
  detail: string | null;
}

/** What gets stored for a chosen channel: its identity and the credential the product will use. */
export interface ChannelConnection {
  externalId: string;
  displayName: string;
  avatarUrl: string | null;
  /**
   * The credential for this channel (e.g. a Facebook Page token, with the Page id in `extra`).
   * `expiresAt` is when the connection needs the user again (for a non-expiring Page token
   * derived from a long-lived user token: that user token's expiry), so warnings can be planned.
   */
  tokens: TokenSet;
}

export interface ChannelSupport {
  /** The API.md redirect parameter when nothing eligible exists, e.g. `facebook-not-enough-pages`. */
  readonly noChannelsParam: string;
  /** Whether several channels may be connected from one authorization. */
  readonly multiple: boolean;
  /** Candidates visible to the user's grant (`tokens` is the grant from `exchangeCode`). */
  list(grant: TokenSet): Promise<ChannelCandidate[]>;
  /** The credential for one chosen candidate; rejects with `ProviderError` when it is not allowed. */
  connect(grant: TokenSet, channelId: string): Promise<ChannelConnection>;
}

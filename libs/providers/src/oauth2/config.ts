import type { PlatformType } from '@switchboard/contracts';
import type { AccountIdentity, TokenSet } from '../adapter';
import type { JsonValue } from '../json';
import type { ProviderErrorKind, ProviderOperation } from '../provider-error';

/**
 * Maps the user-info response (or `null` when the platform has no user-info endpoint) to the
 * account's identity. `tokens` helps platforms that name the account in the token response
 * (TikTok's `open_id`). Throw a ProviderError when the answer does not identify an account.
 */
export type IdentityMapper = (userInfo: JsonValue, tokens: TokenSet) => AccountIdentity;

/** Which token `revoke` sends when it holds both, and whether it names it (`token_type_hint`). */
export interface RevokeTokenHint {
  prefer: 'refresh_token' | 'access_token';
  send: boolean;
}

/** What the generic classifier saw, for a platform's override. */
export interface ErrorClassificationInput {
  operation: ProviderOperation;
  status: number;
  /** `error` (OAuth), the problem `type`'s last segment (X), or the error object's code (Meta). */
  providerCode: string | null;
  /** The provider's description, unredacted: read it, never put it in a message. */
  description: string | null;
  body: JsonValue | null;
}

/** Returns a kind to override the generic classification, or null to keep it. */
export type ErrorClassifierOverride = (input: ErrorClassificationInput) => ProviderErrorKind | null;

/** Everything that tells one standards-following OAuth 2.0 platform from another. */
export interface OAuth2ProviderConfig {
  type: PlatformType;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** RFC 7009 endpoint; null when the platform has none (revoke then answers `{revoked:false}`). */
  revocationEndpoint: string | null;
  /** GET with `Authorization: Bearer`; null when `identify` works from the token response. */
  userInfoEndpoint: string | null;
  /** RFC 9207 issuer the callback's `iss` must equal; null when the platform does not send it. */
  issuer: string | null;
  clientId: string;
  clientSecret: string;
  /** `basic`: HTTP Basic `base64(client_id:client_secret)`; `post`: both in the form body. */
  clientAuth: 'basic' | 'post';
  /** With `basic`, also send `client_id` in token-endpoint bodies (X documents it). Default false. */
  clientIdInTokenBody?: boolean;
  pkce: 'S256' | 'none';
  /** Joins scopes in the authorization URL. Default `' '`. */
  scopeSeparator?: string;
  requiredScopes: readonly string[];
  defaultScopes: readonly string[];
  /** Added to the authorization URL (e.g. Google's `access_type=offline`); cannot override ours. */
  extraAuthorizeParams?: Readonly<Record<string, string>>;
  refreshRotates: boolean;
  identify: IdentityMapper;
  /** Default `{prefer: 'refresh_token', send: true}`. */
  revokeTokenHint?: RevokeTokenHint;
  classifyError?: ErrorClassifierOverride;
}

export const DEFAULT_REVOKE_TOKEN_HINT: RevokeTokenHint = { prefer: 'refresh_token', send: true };

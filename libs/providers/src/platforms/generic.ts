import type { PlatformType } from '@switchboard/contracts';
import type { OAuth2ProviderConfig } from '../oauth2/config';
import { userInfoIdentity } from '../oauth2/userinfo-identity';

/** A custom provider as a team registers it (`POST /api/v1/provider`). */
export interface CustomOAuth2Registration {
  /** `<key>` of `CUSTOM_OAUTH2:<key>`. */
  key: string;
  authorizationUrl: string;
  tokenUrl: string;
  revocationUrl?: string | null;
  userInfoUrl?: string | null;
  issuer?: string | null;
  scopes: readonly string[];
  scopeSeparator?: string;
  clientId: string;
  clientSecret: string;
  clientAuth: 'basic' | 'post';
  pkce: boolean;
}

/**
 * The adapter configuration for a team's `CUSTOM_OAUTH2:<key>` provider: standard OAuth 2.0, the
 * user-info answer read as OIDC claims. Its scopes are requested but not enforced (a custom
 * provider may report them differently); refresh-token rotation is not assumed.
 * The URLs are team input: fetch them only through an SSRF-guarded `fetch` (see the registry).
 */
export function customOAuth2Config(registration: CustomOAuth2Registration): OAuth2ProviderConfig {
  return {
    type: `CUSTOM_OAUTH2:${registration.key}`,
    authorizationEndpoint: registration.authorizationUrl,
    tokenEndpoint: registration.tokenUrl,
    revocationEndpoint: registration.revocationUrl ?? null,
    userInfoEndpoint: registration.userInfoUrl ?? null,
    issuer: registration.issuer ?? null,
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    clientAuth: registration.clientAuth,
    pkce: registration.pkce ? 'S256' : 'none',
    scopeSeparator: registration.scopeSeparator ?? ' ',
    requiredScopes: [],
    defaultScopes: registration.scopes,
    extraAuthorizeParams: {},
    refreshRotates: false,
    identify: userInfoIdentity,
    revokeTokenHint: { prefer: 'refresh_token', send: true },
  };
}

export interface GenericOAuth2Options {
  /** The server's base URL, also its RFC 9207 issuer (e.g. `http://127.0.0.1:4100/generic`). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  type?: PlatformType;
  scopes?: readonly string[];
  clientAuth?: 'basic' | 'post';
  pkce?: boolean;
}

/**
 * GENERIC (sandbox only): a standards-compliant server with `<baseUrl>/oauth/authorize`,
 * `/oauth/token`, `/oauth/revoke`, `/userinfo` (`sub`, `name`, `preferred_username`, `picture`),
 * `iss` = `baseUrl`. The shape custom providers (`CUSTOM_OAUTH2:<key>`) are tested against.
 */
export function genericOAuth2Config(options: GenericOAuth2Options): OAuth2ProviderConfig {
  const base = options.baseUrl.replace(/\/+$/, '');
  const config = customOAuth2Config({
    key: 'generic',
    authorizationUrl: `${base}/oauth/authorize`,
    tokenUrl: `${base}/oauth/token`,
    revocationUrl: `${base}/oauth/revoke`,
    userInfoUrl: `${base}/userinfo`,
    issuer: base,
    scopes: options.scopes ?? ['openid', 'profile'],
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuth: options.clientAuth ?? 'basic',
    pkce: options.pkce ?? true,
  });
  return { ...config, type: options.type ?? config.type };
}

import type {
  AccountIdentity,
  AuthorizationUrlParams,
  ExchangeCodeParams,
  RefreshParams,
  RevokeParams,
  TokenSet,
} from '../../adapter';
import { objectField, stringField, type JsonValue } from '../../json';
import { OAuth2Adapter } from '../../oauth2/oauth2-adapter';
import type { OAuth2ProviderConfig } from '../../oauth2/config';
import { parseTokenResponse } from '../../oauth2/token-response';
import type { ClientCredentials, PlatformDefinition } from '../../platform-definition';
import { ProviderError, type ProviderOperation } from '../../provider-error';
import { safeCode } from '../../redact';
import { jsonBody, isSuccessStatus } from '../shared/provider-failure';
import { tiktokAuthorizationUrl } from './tiktok-authorization-url';
import {
  TIKTOK_DEFAULT_SCOPES,
  TIKTOK_ENDPOINTS,
  TIKTOK_REQUIRED_SCOPES,
  TIKTOK_USER_FIELDS,
} from './tiktok-endpoints';
import { tiktokApiErrorKind, tiktokClassifyError } from './tiktok-errors';

/**
 * `GET /v2/user/info/` → `{data: {user: {open_id, display_name, avatar_url, username}}, error:
 * {code: "ok"}}`. Without a user-info answer, the `open_id` of the token response.
 */
export function tiktokIdentity(userInfo: JsonValue, tokens: TokenSet): AccountIdentity {
  const apiError = stringField(objectField(userInfo, 'error'), 'code');
  if (apiError !== null && apiError !== 'ok') {
    throw new ProviderError({
      kind: tiktokApiErrorKind(apiError) ?? 'transient',
      message: `TIKTOK identify failed: /v2/user/info/ answered ${safeCode(apiError) ?? 'an error'}`,
      providerCode: safeCode(apiError),
    });
  }
  const user = objectField(objectField(userInfo, 'data'), 'user');
  const openId = stringField(user, 'open_id') ?? stringField(tokens.extra, 'open_id');
  if (openId === null) {
    throw new ProviderError({
      kind: 'transient',
      message: 'TIKTOK identify failed: /v2/user/info/ answered without data.user.open_id',
    });
  }
  const username = stringField(user, 'username');
  return {
    externalId: openId,
    displayName: stringField(user, 'display_name') ?? (username ? `@${username}` : openId),
    avatarUrl: stringField(user, 'avatar_url'),
  };
}

export function tiktokConfig(
  credentials: ClientCredentials,
  endpoint: (realUrl: string) => string = (url) => url,
): OAuth2ProviderConfig {
  return {
    type: 'TIKTOK',
    authorizationEndpoint: endpoint(TIKTOK_ENDPOINTS.authorization),
    tokenEndpoint: endpoint(TIKTOK_ENDPOINTS.token),
    revocationEndpoint: endpoint(TIKTOK_ENDPOINTS.revocation),
    userInfoEndpoint: `${endpoint(TIKTOK_ENDPOINTS.userInfo)}?fields=${TIKTOK_USER_FIELDS}`,
    issuer: null,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    clientAuth: 'post',
    pkce: 'none',
    scopeSeparator: ',',
    requiredScopes: TIKTOK_REQUIRED_SCOPES,
    defaultScopes: TIKTOK_DEFAULT_SCOPES,
    extraAuthorizeParams: {},
    refreshRotates: true,
    identify: tiktokIdentity,
    revokeTokenHint: { prefer: 'access_token', send: false },
    classifyError: tiktokClassifyError,
  };
}

/**
 * TIKTOK — Login Kit v2 for the web. Deviations from RFC 6749: the app is `client_key` (with
 * `client_secret`) in every form body and in the authorize URL; scopes are comma-separated; the
 * token answer names the account (`open_id`, kept in `extra`) and its lifetimes (`expires_in`,
 * `refresh_expires_in`: 2 h / 180 d in the Nov 2026 docs, 24 h / 365 d before — read, never
 * assumed). Refresh tokens rotate: the previous one stops working once a new one is issued.
 */
export class TikTokAdapter extends OAuth2Adapter {
  override authorizationUrl(params: AuthorizationUrlParams): string {
    return tiktokAuthorizationUrl(
      this.config.authorizationEndpoint,
      this.config.clientId,
      this.config.requiredScopes,
      params,
    );
  }

  override async exchangeCode(params: ExchangeCodeParams): Promise<TokenSet> {
    return this.tokenCall(
      'exchange',
      { code: params.code, grant_type: 'authorization_code', redirect_uri: params.redirectUri },
      [params.code],
      params.requestedScopes ?? this.defaultScopes(),
    );
  }

  override async refresh(params: RefreshParams): Promise<TokenSet> {
    return this.tokenCall(
      'refresh',
      { grant_type: 'refresh_token', refresh_token: params.refreshToken },
      [params.refreshToken],
      params.scopes,
    );
  }

  /** `POST /v2/oauth/revoke/` with the access token: the app leaves the user's connected apps. */
  override async revoke(params: RevokeParams): Promise<{ revoked: boolean }> {
    const token = params.accessToken ?? params.refreshToken;
    if (!token) return { revoked: false };
    const response = await this.deps.http.request({
      provider: this.type,
      operation: 'revoke',
      method: 'POST',
      url: this.config.revocationEndpoint ?? this.config.tokenEndpoint,
      body: { form: { ...this.clientForm(), token } },
    });
    const failed =
      !isSuccessStatus(response.status) || stringField(jsonBody(response), 'error') !== null;
    if (failed) throw this.classify(response, 'revoke', [token, this.config.clientSecret]);
    return { revoked: true };
  }

  private async tokenCall(
    operation: ProviderOperation,
    fields: Record<string, string>,
    secrets: readonly string[],
    requestedScopes: readonly string[],
  ): Promise<TokenSet> {
    const response = await this.deps.http.request({
      provider: this.type,
      operation,
      method: 'POST',
      url: this.config.tokenEndpoint,
      body: { form: { ...this.clientForm(), ...fields } },
    });
    const body = this.successBody(response, operation, [...secrets, this.config.clientSecret]);
    return parseTokenResponse(body, {
      provider: this.type,
      operation,
      now: this.deps.clock.now(),
      requestedScopes,
    });
  }

  private clientForm(): Record<string, string> {
    return { client_key: this.config.clientId, client_secret: this.config.clientSecret };
  }
}

export const tiktokPlatform: PlatformDefinition = {
  type: 'TIKTOK',
  create: (context) =>
    new TikTokAdapter(tiktokConfig(context.credentials, context.endpoint), context),
};

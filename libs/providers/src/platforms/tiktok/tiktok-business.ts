import type {
  AccountIdentity,
  AuthorizationUrlParams,
  ExchangeCodeParams,
  RefreshParams,
  RevokeParams,
  TokenSet,
} from '../../adapter';
import type { HttpRequest } from '../../http';
import { isJsonObject, numberField, stringField, type JsonValue } from '../../json';
import { OAuth2Adapter, type OAuth2AdapterDeps } from '../../oauth2/oauth2-adapter';
import type { OAuth2ProviderConfig } from '../../oauth2/config';
import { userInfoIdentity } from '../../oauth2/userinfo-identity';
import { parseTokenResponse } from '../../oauth2/token-response';
import type { ClientCredentials, PlatformDefinition } from '../../platform-definition';
import { ProviderError, type ProviderOperation } from '../../provider-error';
import { isSuccessStatus, jsonBody, providerFailure } from '../shared/provider-failure';
import { tiktokAuthorizationUrl } from './tiktok-authorization-url';
import { tiktokBusinessErrorKind } from './tiktok-business-errors';
import {
  TIKTOK_BUSINESS_DEFAULT_SCOPES,
  TIKTOK_BUSINESS_ENDPOINTS,
  TIKTOK_BUSINESS_REQUIRED_SCOPES,
} from './tiktok-endpoints';

const PROFILE_FIELDS = JSON.stringify(['username', 'display_name', 'profile_image']);

export function tiktokBusinessConfig(
  credentials: ClientCredentials,
  endpoint: (realUrl: string) => string = (url) => url,
): OAuth2ProviderConfig {
  return {
    type: 'TIKTOK_BUSINESS',
    authorizationEndpoint: endpoint(TIKTOK_BUSINESS_ENDPOINTS.authorization),
    tokenEndpoint: endpoint(TIKTOK_BUSINESS_ENDPOINTS.token),
    revocationEndpoint: endpoint(TIKTOK_BUSINESS_ENDPOINTS.revocation),
    userInfoEndpoint: null,
    issuer: null,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    clientAuth: 'post',
    pkce: 'none',
    scopeSeparator: ',',
    requiredScopes: TIKTOK_BUSINESS_REQUIRED_SCOPES,
    defaultScopes: TIKTOK_BUSINESS_DEFAULT_SCOPES,
    extraAuthorizeParams: {},
    // Whether the value rotates is undocumented: every answer's refresh token is kept, and a
    // retry after a lost answer is allowed (a dead token then fails cleanly as reauth_required).
    refreshRotates: false,
    identify: userInfoIdentity,
  };
}

/**
 * TIKTOK_BUSINESS — a TikTok account through TikTok API for Business (`tt_user` OAuth): its own
 * connection type and app (the business app id is the `client_key` of the authorize page).
 * - Token, refresh and revoke are separate endpoints on business-api.tiktok.com taking **JSON**
 *   bodies with `client_id`/`client_secret`; the code goes as `auth_code`.
 * - Every answer is the envelope `{code, message, request_id, data}`; errors come as HTTP 200
 *   with a non-zero `code`.
 * - `open_id` (kept in `extra`) is the `business_id` of every Business API call, used verbatim.
 * - Business API calls authenticate with the `Access-Token` header, not `Authorization: Bearer`.
 * - `refresh_token_expires_in` keeps counting down across refreshes (read, never assumed).
 */
export class TikTokBusinessAdapter extends OAuth2Adapter {
  constructor(
    config: OAuth2ProviderConfig,
    deps: OAuth2AdapterDeps,
    private readonly urls: { refresh: string; profile: string },
  ) {
    super(config, deps);
  }

  override authorizationUrl(params: AuthorizationUrlParams): string {
    // disable_auto_auth=1: always show the consent page, so the person can pick the account.
    return tiktokAuthorizationUrl(
      this.config.authorizationEndpoint,
      this.config.clientId,
      this.config.requiredScopes,
      params,
      { disable_auto_auth: '1' },
    );
  }

  override async exchangeCode(params: ExchangeCodeParams): Promise<TokenSet> {
    const data = await this.envelope(
      'exchange',
      this.config.tokenEndpoint,
      {
        ...this.client(),
        grant_type: 'authorization_code',
        auth_code: params.code,
        redirect_uri: params.redirectUri,
      },
      [params.code],
    );
    return this.tokens(data, 'exchange', params.requestedScopes ?? this.defaultScopes());
  }

  override async refresh(params: RefreshParams): Promise<TokenSet> {
    const data = await this.envelope(
      'refresh',
      this.urls.refresh,
      { ...this.client(), grant_type: 'refresh_token', refresh_token: params.refreshToken },
      [params.refreshToken],
    );
    return this.tokens(data, 'refresh', params.scopes);
  }

  override async revoke(params: RevokeParams): Promise<{ revoked: boolean }> {
    if (!params.accessToken || !this.config.revocationEndpoint) return { revoked: false };
    await this.envelope(
      'revoke',
      this.config.revocationEndpoint,
      { ...this.client(), access_token: params.accessToken },
      [params.accessToken, params.refreshToken ?? ''],
    );
    return { revoked: true };
  }

  /** `GET /business/get/?business_id=<open_id>&fields=[…]` with the `Access-Token` header. */
  override async identify(tokens: TokenSet): Promise<AccountIdentity> {
    const openId = stringField(tokens.extra, 'open_id');
    if (openId === null) {
      throw new ProviderError({
        kind: 'invalid_request',
        message: 'TIKTOK_BUSINESS identify failed: the token answer carried no open_id',
      });
    }
    const url = new URL(this.urls.profile);
    url.searchParams.set('business_id', openId);
    url.searchParams.set('fields', PROFILE_FIELDS);
    const data = await this.send(
      'identify',
      {
        provider: this.type,
        operation: 'identify',
        method: 'GET',
        url: url.toString(),
        headers: { 'access-token': tokens.accessToken },
      },
      [tokens.accessToken],
    );
    const username = stringField(data, 'username');
    return {
      externalId: openId,
      displayName: stringField(data, 'display_name') ?? (username ? `@${username}` : openId),
      avatarUrl: stringField(data, 'profile_image'),
    };
  }

  private client(): Record<string, string> {
    return { client_id: this.config.clientId, client_secret: this.config.clientSecret };
  }

  private tokens(
    data: JsonValue,
    operation: ProviderOperation,
    requestedScopes: readonly string[],
  ): TokenSet {
    return parseTokenResponse(data, {
      provider: this.type,
      operation,
      now: this.deps.clock.now(),
      requestedScopes,
    });
  }

  private envelope(
    operation: ProviderOperation,
    url: string,
    json: Record<string, string>,
    secrets: readonly string[],
  ): Promise<JsonValue> {
    return this.send(
      operation,
      { provider: this.type, operation, method: 'POST', url, body: { json } },
      secrets,
    );
  }

  /** Sends one request and returns the envelope's `data`, or throws the classified failure. */
  private async send(
    operation: ProviderOperation,
    request: HttpRequest,
    secrets: readonly string[],
  ): Promise<JsonValue> {
    const response = await this.deps.http.request(request);
    const body = jsonBody(response);
    const code = numberField(body, 'code');
    if (isSuccessStatus(response.status) && code === 0) {
      const data = isJsonObject(body) ? body['data'] : undefined;
      return data ?? {};
    }
    const message = stringField(body, 'message');
    throw providerFailure(
      response,
      {
        kind: tiktokBusinessErrorKind(response.status, code, message),
        code: code === null ? null : String(code),
        description: message,
      },
      {
        provider: this.type,
        operation,
        now: this.deps.clock.now(),
        secrets: [...secrets, this.config.clientSecret],
      },
    );
  }
}

export const tiktokBusinessPlatform: PlatformDefinition = {
  type: 'TIKTOK_BUSINESS',
  create: (context) =>
    new TikTokBusinessAdapter(
      tiktokBusinessConfig(context.credentials, context.endpoint),
      context,
      {
        refresh: context.endpoint(TIKTOK_BUSINESS_ENDPOINTS.refresh),
        profile: context.endpoint(TIKTOK_BUSINESS_ENDPOINTS.profile),
      },
    ),
};

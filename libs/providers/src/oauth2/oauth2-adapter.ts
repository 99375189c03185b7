import type { PlatformType } from '@switchboard/contracts';
import type {
  AccountIdentity,
  AuthorizationUrlParams,
  ExchangeCodeParams,
  ProviderAdapter,
  RefreshParams,
  RevokeParams,
  TokenSet,
  ChannelSupport,
  PushRevocationSupport,
} from '../adapter';
import type { Clock } from '../clock';
import type { HttpClient, HttpResponse } from '../http';
import { isJsonObject, type JsonValue } from '../json';
import { ProviderError, type ProviderOperation } from '../provider-error';
import { buildAuthorizationUrl, withRequired } from './authorization-url';
import { classifyErrorResponse } from './classify-error';
import { clientAuthentication } from './client-auth';
import { DEFAULT_REVOKE_TOKEN_HINT, type OAuth2ProviderConfig } from './config';
import { parseTokenResponse } from './token-response';

export interface OAuth2AdapterDeps {
  http: HttpClient;
  clock: Clock;
}

/**
 * A standards-following OAuth 2.0 platform: authorization code + PKCE (RFC 6749 §4.1, RFC 7636),
 * `refresh_token` grant with rotation (§6), revocation (RFC 7009), identity from a user-info
 * endpoint. Platforms that deviate subclass it and override a method, or set a config hook.
 */
export class OAuth2Adapter implements ProviderAdapter {
  readonly type: PlatformType;
  readonly pkce: 'S256' | 'none';
  readonly expectedIssuer: string | null;
  readonly refreshRotates: boolean;
  /** Platforms with a channel choice override this (see `ChannelSupport`). */
  readonly channels: ChannelSupport | null = null;
  /** Platforms that push revocations override this (see `PushRevocationSupport`). */
  readonly pushRevocation: PushRevocationSupport | null = null;

  constructor(
    protected readonly config: OAuth2ProviderConfig,
    protected readonly deps: OAuth2AdapterDeps,
  ) {
    this.type = config.type;
    this.pkce = config.pkce;
    this.expectedIssuer = config.issuer;
    this.refreshRotates = config.refreshRotates;
  }

  requiredScopes(): string[] {
    return [...this.config.requiredScopes];
  }

  defaultScopes(): string[] {
    return withRequired(this.config.defaultScopes, this.config.requiredScopes);
  }

  authorizationUrl(params: AuthorizationUrlParams): string {
    return buildAuthorizationUrl(this.config, params);
  }

  async exchangeCode(params: ExchangeCodeParams): Promise<TokenSet> {
    const form: Record<string, string> = {
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
    };
    if (this.pkce === 'S256') {
      if (!params.codeVerifier) {
        throw new ProviderError({
          kind: 'invalid_request',
          message: `${this.type} exchange needs the PKCE code verifier of the flow`,
        });
      }
      form['code_verifier'] = params.codeVerifier;
    }
    const requested = params.requestedScopes ?? this.defaultScopes();
    const secrets = [params.code, params.codeVerifier ?? ''];
    return this.tokenRequest('exchange', form, secrets, requested);
  }

  async refresh(params: RefreshParams): Promise<TokenSet> {
    const form = { grant_type: 'refresh_token', refresh_token: params.refreshToken };
    return this.tokenRequest('refresh', form, [params.refreshToken], params.scopes);
  }

  async identify(tokens: TokenSet): Promise<AccountIdentity> {
    let userInfo: JsonValue = null;
    if (this.config.userInfoEndpoint) {
      const response = await this.deps.http.request({
        provider: this.type,
        operation: 'identify',
        method: 'GET',
        url: this.config.userInfoEndpoint,
        headers: { authorization: `Bearer ${tokens.accessToken}` },
      });
      userInfo = this.successBody(response, 'identify', [tokens.accessToken]);
    }
    const identity = this.config.identify(userInfo, tokens);
    if (identity.externalId.length === 0) {
      throw new ProviderError({
        kind: 'transient',
        message: `${this.type} identify failed: the user-info answer names no account id`,
      });
    }
    return identity;
  }

  async revoke(params: RevokeParams): Promise<{ revoked: boolean }> {
    const endpoint = this.config.revocationEndpoint;
    const choice = this.tokenToRevoke(params);
    if (!endpoint || !choice) return { revoked: false };
    const hint = this.config.revokeTokenHint ?? DEFAULT_REVOKE_TOKEN_HINT;
    const auth = clientAuthentication(this.config, 'revocation');
    const form: Record<string, string> = { token: choice.token };
    if (hint.send) form['token_type_hint'] = choice.hint;
    const response = await this.deps.http.request({
      provider: this.type,
      operation: 'revoke',
      method: 'POST',
      url: endpoint,
      headers: auth.headers,
      body: { form: { ...form, ...auth.form } },
    });
    const secrets = [...auth.secrets, params.accessToken ?? '', params.refreshToken ?? ''];
    if (!isSuccess(response)) throw this.classify(response, 'revoke', secrets);
    // RFC 7009 answers 200 with any body; X answers {"revoked": true}.
    const body = response.body.kind === 'json' ? response.body.value : null;
    return { revoked: !(isJsonObject(body) && body['revoked'] === false) };
  }

  refreshable(tokens: Pick<TokenSet, 'refreshToken' | 'refreshExpiresAt'>): boolean {
    if (tokens.refreshToken === null) return false;
    return tokens.refreshExpiresAt === null || tokens.refreshExpiresAt > this.deps.clock.now();
  }

  /** POSTs a grant to the token endpoint with client authentication and reads the TokenSet. */
  protected async tokenRequest(
    operation: ProviderOperation,
    form: Record<string, string>,
    secrets: readonly string[],
    requestedScopes: readonly string[],
  ): Promise<TokenSet> {
    const auth = clientAuthentication(this.config, 'token');
    const response = await this.deps.http.request({
      provider: this.type,
      operation,
      method: 'POST',
      url: this.config.tokenEndpoint,
      headers: auth.headers,
      body: { form: { ...form, ...auth.form } },
    });
    const body = this.successBody(response, operation, [...secrets, ...auth.secrets]);
    return parseTokenResponse(body, {
      provider: this.type,
      operation,
      now: this.deps.clock.now(),
      requestedScopes,
    });
  }

  /** The JSON of a 2xx answer, or the classified ProviderError for anything else. */
  protected successBody(
    response: HttpResponse,
    operation: ProviderOperation,
    secrets: readonly string[],
  ): JsonValue {
    const body = response.body.kind === 'json' ? response.body.value : null;
    // Some providers answer 200 with an OAuth error body.
    const errorIn200 =
      isJsonObject(body) && typeof body['error'] === 'string' && !('access_token' in body);
    if (!isSuccess(response) || errorIn200) throw this.classify(response, operation, secrets);
    if (body === null) {
      throw new ProviderError({
        kind: 'transient',
        message: `${this.type} ${operation} failed: HTTP ${response.status} with an unreadable body`,
        status: response.status,
      });
    }
    return body;
  }

  protected classify(
    response: HttpResponse,
    operation: ProviderOperation,
    secrets: readonly string[],
  ): ProviderError {
    return classifyErrorResponse(response, {
      provider: this.type,
      operation,
      now: this.deps.clock.now(),
      secrets: secrets.filter((secret) => secret.length > 0),
      override: this.config.classifyError,
    });
  }

  private tokenToRevoke(params: RevokeParams): { token: string; hint: string } | null {
    const refresh = params.refreshToken
      ? { token: params.refreshToken, hint: 'refresh_token' }
      : null;
    const access = params.accessToken ? { token: params.accessToken, hint: 'access_token' } : null;
    const prefer = (this.config.revokeTokenHint ?? DEFAULT_REVOKE_TOKEN_HINT).prefer;
    return prefer === 'refresh_token' ? (refresh ?? access) : (access ?? refresh);
  }
}

function isSuccess(response: HttpResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

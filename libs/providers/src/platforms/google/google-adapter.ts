import type { RevokeParams } from '../../adapter';
import type { HttpResponse } from '../../http';
import { stringField, type JsonValue } from '../../json';
import { errorDetails } from '../../oauth2/error-details';
import { OAuth2Adapter } from '../../oauth2/oauth2-adapter';
import type { OAuth2ProviderConfig } from '../../oauth2/config';
import { userInfoIdentity } from '../../oauth2/userinfo-identity';
import type { ClientCredentials } from '../../platform-definition';
import type { ProviderError, ProviderOperation } from '../../provider-error';
import { isSuccessStatus, jsonBody, providerFailure } from '../shared/provider-failure';
import { GOOGLE_ENDPOINTS } from './google-endpoints';
import { googleApiError, googleApiKind, googleErrorCode } from './google-errors';

/**
 * Google OAuth 2.0 for web-server apps (YouTube and Business Profile are separate types with
 * their own client):
 * - `access_type=offline` for a refresh token, `prompt=consent` so a returning user gets one
 *   again, `include_granted_scopes=true` (incremental authorization), PKCE S256;
 * - client id and secret in the form body (Google accepts Basic too);
 * - refreshing usually returns no new refresh token: `refresh()` then answers
 *   `refreshToken: null` and the vault keeps the one it holds (Google does not rotate);
 * - revocation: `POST oauth2.googleapis.com/revoke` with `token` only, no client authentication.
 * - `iss`: Google has started adding `iss=https://accounts.google.com` to authorization
 *   responses, but not for every user and without announcing it in its discovery document
 *   (openiddict-core#2428), so requiring it would refuse good callbacks: `expectedIssuer` is null.
 */
export function googleConfig(
  type: 'YOUTUBE' | 'GOOGLE_BUSINESS',
  credentials: ClientCredentials,
  endpoint: (realUrl: string) => string,
  scopes: { required: readonly string[]; default: readonly string[] },
): OAuth2ProviderConfig {
  return {
    type,
    authorizationEndpoint: endpoint(GOOGLE_ENDPOINTS.authorization),
    tokenEndpoint: endpoint(GOOGLE_ENDPOINTS.token),
    revocationEndpoint: endpoint(GOOGLE_ENDPOINTS.revocation),
    userInfoEndpoint: endpoint(GOOGLE_ENDPOINTS.userInfo),
    issuer: null,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    clientAuth: 'post',
    pkce: 'S256',
    scopeSeparator: ' ',
    requiredScopes: scopes.required,
    defaultScopes: scopes.default,
    extraAuthorizeParams: {
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
    },
    refreshRotates: false,
    identify: userInfoIdentity,
    revokeTokenHint: { prefer: 'refresh_token', send: false },
  };
}

/** Google's OAuth quirks and API error envelope; YouTube and Business Profile build on it. */
export class GoogleAdapter extends OAuth2Adapter {
  /**
   * Revoking either token ends the grant. Google answers 200; a 400 `invalid_token` means the
   * token was already expired or revoked — the grant is gone either way, so that counts as done.
   */
  override async revoke(params: RevokeParams): Promise<{ revoked: boolean }> {
    const token = params.refreshToken ?? params.accessToken;
    const endpoint = this.config.revocationEndpoint;
    if (!token || !endpoint) return { revoked: false };
    const response = await this.deps.http.request({
      provider: this.type,
      operation: 'revoke',
      method: 'POST',
      url: endpoint,
      body: { form: { token } },
    });
    if (isSuccessStatus(response.status)) return { revoked: true };
    if (response.status === 400 && stringField(jsonBody(response), 'error') === 'invalid_token') {
      return { revoked: true };
    }
    throw this.classify(response, 'revoke', [token, params.accessToken ?? '']);
  }

  protected override classify(
    response: HttpResponse,
    operation: ProviderOperation,
    secrets: readonly string[],
  ): ProviderError {
    const api = googleApiError(jsonBody(response));
    if (api === null) return super.classify(response, operation, secrets);
    const challenge = errorDetails(null, response.headers.get('www-authenticate'));
    return providerFailure(
      response,
      {
        kind: googleApiKind(response.status, api),
        code: googleErrorCode(api),
        description: api.message,
        missingScopes: challenge.scopes,
      },
      { provider: this.type, operation, now: this.deps.clock.now(), secrets },
    );
  }

  /** A GET on a Google API with the grant's access token. */
  protected async apiGet(url: string, accessToken: string): Promise<JsonValue> {
    const response = await this.deps.http.request({
      provider: this.type,
      operation: 'identify',
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${accessToken}` },
    });
    return this.successBody(response, 'identify', [accessToken]);
  }
}

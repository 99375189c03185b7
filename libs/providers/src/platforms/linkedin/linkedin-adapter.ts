import type { ClientCredentials } from '../../platform-definition';
import type { HttpResponse } from '../../http';
import type { JsonValue } from '../../json';
import { OAuth2Adapter } from '../../oauth2/oauth2-adapter';
import type { OAuth2ProviderConfig } from '../../oauth2/config';
import { userInfoIdentity } from '../../oauth2/userinfo-identity';
import type { ProviderError, ProviderOperation } from '../../provider-error';
import { jsonBody, providerFailure } from '../shared/provider-failure';
import { LINKEDIN_API_VERSION, LINKEDIN_ENDPOINTS } from './linkedin-endpoints';
import { linkedInApiError, linkedInApiKind, linkedInClassifyError } from './linkedin-errors';

export interface LinkedInScopes {
  required: readonly string[];
  default: readonly string[];
}

/**
 * LinkedIn's OAuth 2.0 (3-legged, web): client id and secret in the form body; no PKCE (LinkedIn
 * enables it only for native apps on request); no `iss`; space-separated scopes; 60-day access
 * tokens. Refresh tokens come only to apps LinkedIn enabled for programmatic refresh; their
 * `refresh_token_expires_in` counts down from the first authorization and never resets. They do
 * not rotate (the sample answer repeats the same value), and LinkedIn may send none at all —
 * then `refreshable()` is false and the connection lives on expiry warnings.
 */
export function linkedInConfig(
  type: 'LINKEDIN' | 'LINKEDIN_PAGE',
  credentials: ClientCredentials,
  endpoint: (realUrl: string) => string,
  scopes: LinkedInScopes,
): OAuth2ProviderConfig {
  return {
    type,
    authorizationEndpoint: endpoint(LINKEDIN_ENDPOINTS.authorization),
    tokenEndpoint: endpoint(LINKEDIN_ENDPOINTS.token),
    revocationEndpoint: endpoint(LINKEDIN_ENDPOINTS.revocation),
    userInfoEndpoint: endpoint(LINKEDIN_ENDPOINTS.userInfo),
    issuer: null,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    clientAuth: 'post',
    pkce: 'none',
    scopeSeparator: ' ',
    requiredScopes: scopes.required,
    defaultScopes: scopes.default,
    extraAuthorizeParams: {},
    refreshRotates: false,
    identify: userInfoIdentity,
    // The revoke endpoint takes the access token (`token`, client id and secret in the body).
    revokeTokenHint: { prefer: 'access_token', send: false },
    classifyError: linkedInClassifyError,
  };
}

/** LinkedIn member tokens, with LinkedIn's API error envelope understood. */
export class LinkedInAdapter extends OAuth2Adapter {
  protected override classify(
    response: HttpResponse,
    operation: ProviderOperation,
    secrets: readonly string[],
  ): ProviderError {
    const api = linkedInApiError(jsonBody(response));
    if (api === null) return super.classify(response, operation, secrets);
    return providerFailure(
      response,
      {
        kind: linkedInApiKind(response.status, api.code),
        code: api.code,
        description: api.message,
      },
      { provider: this.type, operation, now: this.deps.clock.now(), secrets },
    );
  }

  /** A GET on LinkedIn's versioned REST API (`/rest/…`) with the member's token. */
  protected async restGet(url: string, accessToken: string): Promise<JsonValue> {
    const response = await this.deps.http.request({
      provider: this.type,
      operation: 'identify',
      method: 'GET',
      url,
      headers: {
        authorization: `Bearer ${accessToken}`,
        'linkedin-version': LINKEDIN_API_VERSION,
        'x-restli-protocol-version': '2.0.0',
      },
    });
    return this.successBody(response, 'identify', [accessToken]);
  }
}

import type { OAuth2ProviderConfig } from './config';

export interface ClientAuthentication {
  headers: Record<string, string>;
  /** Appended to the form body. */
  form: Record<string, string>;
  /** Values to redact from anything quoted back from the provider. */
  secrets: string[];
}

/**
 * How the client proves itself at the token and revocation endpoints (RFC 6749 §2.3.1):
 * `basic` sends `Authorization: Basic base64(client_id:client_secret)` and keeps the secret out
 * of the body (the `client_id` joins token-endpoint bodies only when `clientIdInTokenBody`);
 * `post` sends `client_id` and `client_secret` in the body.
 */
export function clientAuthentication(
  config: OAuth2ProviderConfig,
  endpoint: 'token' | 'revocation',
): ClientAuthentication {
  if (config.clientAuth === 'post') {
    return {
      headers: {},
      form: { client_id: config.clientId, client_secret: config.clientSecret },
      secrets: [config.clientSecret],
    };
  }
  const credentials = Buffer.from(`${config.clientId}:${config.clientSecret}`, 'utf8').toString(
    'base64',
  );
  const withClientId = endpoint === 'token' && config.clientIdInTokenBody === true;
  return {
    headers: { authorization: `Basic ${credentials}` },
    form: withClientId ? { client_id: config.clientId } : {},
    secrets: [config.clientSecret, credentials],
  };
}

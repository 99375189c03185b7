import { createHash, timingSafeEqual } from 'node:crypto';

import type { SandboxClient } from '../state/clients';
import { OAuthError, invalidClient, invalidRequest } from './oauth-error';

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

export interface ClientAuthPolicy {
  readonly methods: readonly ClientAuthMethod[];
  /** Whether a registered public client may send only its client_id (RFC 6749 `none`). */
  readonly publicClients: boolean;
  /** What a confidential client gets when it sends no credentials the platform accepts. */
  readonly missingCredentials: () => OAuthError;
}

export interface ClientCredentialsInput {
  readonly authorization: string | undefined;
  readonly bodyClientId: string | undefined;
  readonly bodyClientSecret: string | undefined;
}

export interface AuthenticatedClient {
  readonly clientId: string;
  readonly method: ClientAuthMethod | 'none';
}

interface BasicCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** RFC 6749 2.3.1: both parts are form-urlencoded before they are joined and base64-encoded. */
export function parseBasicAuthorization(header: string): BasicCredentials | null {
  const match = /^Basic ([A-Za-z0-9+/=_-]+)$/i.exec(header.trim());
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  try {
    const formDecode = (part: string): string => decodeURIComponent(part.replace(/\+/g, ' '));
    return {
      clientId: formDecode(decoded.slice(0, colon)),
      clientSecret: formDecode(decoded.slice(colon + 1)),
    };
  } catch {
    return null;
  }
}

function sameSecret(expected: string, presented: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

/** Authenticates the caller of a token or revocation endpoint, or throws the platform's error. */
export function authenticateClient(
  input: ClientCredentialsInput,
  policy: ClientAuthPolicy,
  lookup: (clientId: string) => SandboxClient | undefined,
): AuthenticatedClient {
  const verify = (
    clientId: string,
    secret: string,
    method: ClientAuthMethod,
  ): AuthenticatedClient => {
    const client = lookup(clientId);
    if (client?.clientSecret == null || !sameSecret(client.clientSecret, secret)) {
      throw invalidClient();
    }
    return { clientId, method };
  };

  if (input.authorization !== undefined) {
    const basic = parseBasicAuthorization(input.authorization);
    if (basic === null) throw invalidClient('Malformed or unsupported Authorization header');
    if (!policy.methods.includes('client_secret_basic')) {
      throw invalidClient('client_secret_basic is not supported');
    }
    if (input.bodyClientSecret !== undefined) {
      throw invalidRequest('Use only one client authentication method');
    }
    if (input.bodyClientId !== undefined && input.bodyClientId !== basic.clientId) {
      throw invalidRequest('client_id does not match the Authorization header');
    }
    return verify(basic.clientId, basic.clientSecret, 'client_secret_basic');
  }

  if (input.bodyClientSecret !== undefined) {
    if (!policy.methods.includes('client_secret_post')) throw policy.missingCredentials();
    if (input.bodyClientId === undefined) {
      throw invalidRequest('Missing required parameter [client_id].');
    }
    return verify(input.bodyClientId, input.bodyClientSecret, 'client_secret_post');
  }

  if (input.bodyClientId !== undefined) {
    const client = lookup(input.bodyClientId);
    if (client === undefined) throw invalidClient();
    if (client.clientSecret === null && policy.publicClients) {
      return { clientId: client.clientId, method: 'none' };
    }
  }
  throw policy.missingCredentials();
}

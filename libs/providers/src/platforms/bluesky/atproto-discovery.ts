import type { HttpClient } from '../../http';
import { isJsonObject, stringField, type JsonValue } from '../../json';
import { refused } from './atproto-identity';

/** The authorization server of one PDS, from its RFC 8414 metadata. */
export interface AtprotoAuthServer {
  issuer: string;
  parEndpoint: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint: string | null;
}

/**
 * PDS → `/.well-known/oauth-protected-resource` → its first authorization server →
 * `/.well-known/oauth-authorization-server`, checked as atproto requires: the same `issuer`,
 * scope `atproto`, PAR required, ES256 DPoP, client-id metadata documents, PKCE S256.
 */
export async function discoverAuthServer(
  http: HttpClient,
  pdsUrl: string,
): Promise<AtprotoAuthServer> {
  const resource = await getJson(http, `${pdsUrl}/.well-known/oauth-protected-resource`);
  const servers = isJsonObject(resource) ? resource.authorization_servers : null;
  const issuer = Array.isArray(servers) && typeof servers[0] === 'string' ? servers[0] : null;
  if (!issuer || !/^https?:\/\/[^?#]+$/.test(issuer)) {
    throw refused('bluesky-no-authorization-server', 'the PDS names no authorization server');
  }
  const origin = issuer.replace(/\/$/, '');
  const metadata = await getJson(http, `${origin}/.well-known/oauth-authorization-server`);
  const problem = metadataProblem(metadata, issuer);
  if (problem) throw refused('bluesky-no-authorization-server', problem);
  return {
    issuer,
    parEndpoint: stringField(metadata, 'pushed_authorization_request_endpoint') ?? '',
    authorizationEndpoint: stringField(metadata, 'authorization_endpoint') ?? '',
    tokenEndpoint: stringField(metadata, 'token_endpoint') ?? '',
    revocationEndpoint: stringField(metadata, 'revocation_endpoint'),
  };
}

/** Why this metadata is unusable for atproto OAuth, or null. */
export function metadataProblem(metadata: JsonValue, issuer: string): string | null {
  if (!isJsonObject(metadata)) return 'authorization server metadata is unreadable';
  if (metadata.issuer !== issuer) return 'authorization server metadata names another issuer';
  const has = (field: string, value: string) =>
    Array.isArray(metadata[field]) && metadata[field].includes(value);
  if (!has('scopes_supported', 'atproto')) return 'the authorization server lacks scope atproto';
  if (metadata.require_pushed_authorization_requests !== true) return 'PAR is not required';
  if (!has('dpop_signing_alg_values_supported', 'ES256')) return 'ES256 DPoP is not supported';
  if (metadata.client_id_metadata_document_supported !== true) {
    return 'client metadata documents are not supported';
  }
  if (!has('code_challenge_methods_supported', 'S256')) return 'PKCE S256 is not supported';
  for (const field of [
    'pushed_authorization_request_endpoint',
    'authorization_endpoint',
    'token_endpoint',
  ]) {
    const url = stringField(metadata, field);
    if (!url || !url.startsWith(issuer.replace(/\/$/, ''))) return `${field} is missing or foreign`;
  }
  return null;
}

async function getJson(http: HttpClient, url: string): Promise<JsonValue> {
  const response = await http.request({
    provider: 'BLUESKY',
    operation: 'exchange',
    method: 'GET',
    url,
  });
  if (response.status !== 200 || response.body.kind !== 'json') {
    throw refused(
      'bluesky-no-authorization-server',
      `${new URL(url).pathname} answered ${response.status}`,
    );
  }
  return response.body.value;
}

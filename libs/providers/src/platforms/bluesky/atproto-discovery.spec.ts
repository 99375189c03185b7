import { metadataProblem } from './atproto-discovery';
import { jwtExpiry } from './bluesky-app-password';
import { blueskyClientMetadata, publicUrlOfCallback } from './bluesky-client-metadata';

const ISSUER = 'https://bsky.social';
const good = {
  issuer: ISSUER,
  scopes_supported: ['atproto', 'transition:generic'],
  require_pushed_authorization_requests: true,
  dpop_signing_alg_values_supported: ['ES256'],
  client_id_metadata_document_supported: true,
  code_challenge_methods_supported: ['S256'],
  pushed_authorization_request_endpoint: `${ISSUER}/oauth/par`,
  authorization_endpoint: `${ISSUER}/oauth/authorize`,
  token_endpoint: `${ISSUER}/oauth/token`,
};

describe('atproto authorization-server metadata', () => {
  it('accepts what atproto requires', () => {
    expect(metadataProblem(good, ISSUER)).toBeNull();
  });

  it.each([
    ['another issuer', { issuer: 'https://evil.example' }],
    ['no atproto scope', { scopes_supported: ['openid'] }],
    ['PAR optional', { require_pushed_authorization_requests: false }],
    ['no ES256 DPoP', { dpop_signing_alg_values_supported: ['RS256'] }],
    ['no client metadata documents', { client_id_metadata_document_supported: false }],
    ['no PKCE S256', { code_challenge_methods_supported: ['plain'] }],
    ['a token endpoint on another host', { token_endpoint: 'https://evil.example/token' }],
  ])('refuses %s', (_label, change) => {
    expect(metadataProblem({ ...good, ...change }, ISSUER)).toEqual(expect.any(String));
  });
});

describe('Bluesky helpers', () => {
  it('reads a JWT exp without trusting it for anything else', () => {
    const jwt = (claims: object) =>
      `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
    expect(jwtExpiry(jwt({ exp: 1_900_000_000 }))).toEqual(new Date(1_900_000_000_000));
    expect(jwtExpiry(jwt({}))).toBeNull();
    expect(jwtExpiry('not-a-jwt')).toBeNull();
  });

  it('the client-metadata document names exactly the gateway callback and DPoP-bound tokens', () => {
    expect(blueskyClientMetadata('https://sb.example/')).toMatchObject({
      client_id: 'https://sb.example/oauth/bluesky/client-metadata.json',
      redirect_uris: ['https://sb.example/api/v1/social-account/callback/bluesky'],
      scope: 'atproto transition:generic',
      dpop_bound_access_tokens: true,
      token_endpoint_auth_method: 'none',
    });
    expect(publicUrlOfCallback('https://sb.example/api/v1/social-account/callback/bluesky')).toBe(
      'https://sb.example',
    );
    expect(publicUrlOfCallback('https://sb.example/other')).toBeNull();
  });
});

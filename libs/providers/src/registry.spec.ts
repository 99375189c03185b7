import { CodedError, PLATFORM_TYPES, type PlatformType } from '@switchboard/contracts';
import { PLATFORM_CATALOG } from './catalog';
import { createProviderRegistry } from './registry';

const PARAMS = { state: 's', redirectUri: 'https://cb', scopes: [], codeChallenge: 'c' };

function authorizeUrl(
  env: Record<string, string>,
  credentials?: { clientId: string; clientSecret: string },
): URL {
  return new URL(
    createProviderRegistry({ env }).get('TWITTER', credentials).authorizationUrl(PARAMS),
  );
}

describe('createProviderRegistry', () => {
  it('uses <TYPE>_CLIENT_ID and the real endpoints', () => {
    const url = authorizeUrl({ TWITTER_CLIENT_ID: 'id-1', TWITTER_CLIENT_SECRET: 'secret-1' });
    expect(`${url.origin}${url.pathname}`).toBe('https://x.com/i/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('id-1');
  });

  it('rewrites every endpoint to the sandbox and falls back to the sandbox client', () => {
    const url = authorizeUrl({ SANDBOX_URL: 'http://127.0.0.1:4100/' });
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:4100/twitter/i/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('sandbox-twitter-client');
  });

  it('prefers real credentials over the sandbox client', () => {
    const url = authorizeUrl({
      SANDBOX_URL: 'http://127.0.0.1:4100',
      TWITTER_CLIENT_ID: 'id-1',
      TWITTER_CLIENT_SECRET: 's',
    });
    expect(url.searchParams.get('client_id')).toBe('id-1');
  });

  it('lets <TYPE>_BASE_URL override the sandbox for one platform', () => {
    const url = authorizeUrl({
      SANDBOX_URL: 'http://127.0.0.1:4100',
      TWITTER_BASE_URL: 'http://127.0.0.1:9000/x',
    });
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:9000/x/i/oauth2/authorize');
  });

  it("uses a team's own app credentials when given", () => {
    const url = authorizeUrl({}, { clientId: 'team-app', clientSecret: 'team-secret' });
    expect(url.searchParams.get('client_id')).toBe('team-app');
  });

  it('lists the platforms it has credentials for, and those that need no app', () => {
    // Telegram (the user brings a bot token) and Bluesky (a public client) have no developer app
    expect(createProviderRegistry({ env: {} }).supported().sort()).toEqual(['BLUESKY', 'TELEGRAM']);
    expect(
      createProviderRegistry({ env: { SANDBOX_URL: 'http://127.0.0.1:4100' } })
        .supported()
        .sort(),
    ).toEqual([...PLATFORM_CATALOG.keys()].filter((type) => type !== 'MASTODON').sort());
  });

  const refused: [string, PlatformType, Record<string, string>][] = [
    [
      'a platform without an adapter',
      // any built-in type the catalog does not (yet) have
      PLATFORM_TYPES.find((type) => !PLATFORM_CATALOG.has(type)) ?? 'CUSTOM_OAUTH2:none',
      { SANDBOX_URL: 'http://127.0.0.1:4100' },
    ],
    ['a custom provider', 'CUSTOM_OAUTH2:acme', { SANDBOX_URL: 'http://127.0.0.1:4100' }],
    ['a platform without credentials', 'TWITTER', {}],
  ];
  it.each(refused)('refuses %s with unknown-platform', (_name, type, env) => {
    const registry = createProviderRegistry({ env });
    expect(() => registry.get(type)).toThrow(
      expect.objectContaining({ code: 'unknown-platform' }) as CodedError,
    );
  });

  it('fails fast on a client id without its secret, or a bad base URL', () => {
    expect(() => createProviderRegistry({ env: { TWITTER_CLIENT_ID: 'id' } })).toThrow(CodedError);
    expect(() => createProviderRegistry({ env: { SANDBOX_URL: 'ftp://x' } })).toThrow(CodedError);
    expect(() => createProviderRegistry({ env: { TWITTER_BASE_URL: 'not a url' } })).toThrow(
      CodedError,
    );
  });

  it('returns the same adapter for the deployment app', () => {
    const registry = createProviderRegistry({ env: { SANDBOX_URL: 'http://127.0.0.1:4100' } });
    expect(registry.get('TWITTER')).toBe(registry.get('TWITTER'));
  });
});

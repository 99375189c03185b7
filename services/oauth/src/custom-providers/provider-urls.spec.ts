import type { CustomProviderConfig } from '@switchboard/contracts';
import { checkProviderUrls } from './provider-urls';

const resolver = (table: Record<string, string[]>) => (host: string) =>
  Promise.resolve(
    (table[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
  );

const DNS = resolver({
  'id.example.com': ['93.184.216.34'],
  'internal.example.com': ['10.0.0.7'],
  'mixed.example.com': ['93.184.216.34', '192.168.1.2'],
  localhost: ['127.0.0.1'],
});

const config = (overrides: Partial<CustomProviderConfig> = {}): CustomProviderConfig => ({
  authorizationUrl: 'https://id.example.com/authorize',
  tokenUrl: 'https://id.example.com/token',
  revocationUrl: null,
  userInfoUrl: null,
  issuer: 'https://id.example.com',
  scopes: ['openid'],
  scopeSeparator: ' ',
  clientAuth: 'basic',
  pkce: true,
  ...overrides,
});

async function refusal(c: CustomProviderConfig, devMode = false): Promise<string | null> {
  const error = await checkProviderUrls(c, devMode, DNS).catch((e: unknown) => e);
  return error instanceof Error ? `${(error as { code?: string }).code}: ${error.message}` : null;
}

describe('custom provider URLs', () => {
  it('accepts public https endpoints', async () => {
    expect(await refusal(config())).toBeNull();
  });

  it.each([
    ['plain http', { tokenUrl: 'http://id.example.com/token' }, /^url-not-allowed: tokenUrl: /],
    ['a private address', { tokenUrl: 'https://10.1.2.3/token' }, /tokenUrl: .*private/],
    [
      'a name resolving to a private address',
      { userInfoUrl: 'https://internal.example.com/me' },
      /userInfoUrl/,
    ],
    [
      'one private address among public ones',
      { revocationUrl: 'https://mixed.example.com/r' },
      /revocationUrl/,
    ],
    [
      'link-local (cloud metadata)',
      { authorizationUrl: 'https://169.254.169.254/' },
      /authorizationUrl/,
    ],
    ['credentials in the URL', { tokenUrl: 'https://u:p@id.example.com/token' }, /credentials/],
    ['a fragment', { tokenUrl: 'https://id.example.com/token#x' }, /fragment/],
    ['loopback outside dev mode', { tokenUrl: 'http://127.0.0.1:9000/token' }, /url-not-allowed/],
    [
      'an issuer with a query',
      { issuer: 'https://id.example.com/?tenant=1' },
      /^validation-failed: issuer/,
    ],
    ['a scope with a space', { scopes: ['a b'] }, /^validation-failed: scopes/],
  ])('refuses %s', async (_label, overrides, pattern) => {
    expect(await refusal(config(overrides))).toMatch(pattern);
  });

  it('takes plain http only for loopback, and only in dev mode', async () => {
    const local = config({
      authorizationUrl: 'http://127.0.0.1:9000/auth',
      tokenUrl: 'http://localhost:9000/token',
      issuer: 'http://127.0.0.1:9000',
    });
    expect(await refusal(local, true)).toBeNull();
    expect(await refusal(config({ tokenUrl: 'http://id.example.com/token' }), true)).toMatch(
      /use https/,
    );
  });
});

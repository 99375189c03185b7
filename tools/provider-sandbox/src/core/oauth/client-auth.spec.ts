import type { SandboxClient } from '../state/clients';
import { authenticateClient, parseBasicAuthorization, type ClientAuthPolicy } from './client-auth';
import { OAuthError, invalidClient } from './oauth-error';

const basic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

const clients: Record<string, SandboxClient> = {
  app: { clientId: 'app', clientSecret: 'app-secret', redirectUris: null },
  spa: { clientId: 'spa', clientSecret: null, redirectUris: null },
};
const lookup = (id: string): SandboxClient | undefined => clients[id];

const both: ClientAuthPolicy = {
  methods: ['client_secret_basic', 'client_secret_post'],
  publicClients: true,
  missingCredentials: () => invalidClient(),
};
const basicOnly: ClientAuthPolicy = {
  methods: ['client_secret_basic'],
  publicClients: true,
  missingCredentials: () =>
    new OAuthError('unauthorized_client', 'Missing valid authorization header', 401),
};

function errorOf(run: () => unknown): OAuthError {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthError) return error;
    throw error;
  }
  throw new Error('expected an OAuthError');
}

describe('parseBasicAuthorization', () => {
  it('form-decodes both parts (RFC 6749 2.3.1)', () => {
    const header = `Basic ${Buffer.from('my%3Aclient:p+w%25').toString('base64')}`;
    expect(parseBasicAuthorization(header)).toEqual({
      clientId: 'my:client',
      clientSecret: 'p w%',
    });
  });

  it.each([
    'Bearer abc',
    'Basic',
    'Basic !!!',
    `Basic ${Buffer.from('nocolon').toString('base64')}`,
  ])('rejects %s', (header) => {
    expect(parseBasicAuthorization(header)).toBeNull();
  });
});

describe('authenticateClient', () => {
  const input = (
    authorization?: string,
    bodyClientId?: string,
    bodyClientSecret?: string,
  ): Parameters<typeof authenticateClient>[0] => ({
    authorization,
    bodyClientId,
    bodyClientSecret,
  });

  it('accepts Basic and post where both are allowed', () => {
    expect(authenticateClient(input(basic('app', 'app-secret')), both, lookup)).toEqual({
      clientId: 'app',
      method: 'client_secret_basic',
    });
    expect(authenticateClient(input(undefined, 'app', 'app-secret'), both, lookup)).toEqual({
      clientId: 'app',
      method: 'client_secret_post',
    });
  });

  it('answers the platform’s own error when a secret comes in the body but only Basic is allowed', () => {
    const error = errorOf(() =>
      authenticateClient(input(undefined, 'app', 'app-secret'), basicOnly, lookup),
    );
    expect([error.error, error.status]).toEqual(['unauthorized_client', 401]);
  });

  it('rejects a wrong secret, an unknown client and two methods at once', () => {
    expect(errorOf(() => authenticateClient(input(basic('app', 'x')), both, lookup)).error).toBe(
      'invalid_client',
    );
    expect(errorOf(() => authenticateClient(input(basic('who', 'x')), both, lookup)).error).toBe(
      'invalid_client',
    );
    expect(
      errorOf(() =>
        authenticateClient(input(basic('app', 'app-secret'), 'app', 'app-secret'), both, lookup),
      ).error,
    ).toBe('invalid_request');
  });

  it('lets a public client in by client_id alone, but not a confidential one', () => {
    expect(authenticateClient(input(undefined, 'spa'), basicOnly, lookup)).toEqual({
      clientId: 'spa',
      method: 'none',
    });
    expect(
      errorOf(() => authenticateClient(input(undefined, 'app'), basicOnly, lookup)).error,
    ).toBe('unauthorized_client');
  });
});

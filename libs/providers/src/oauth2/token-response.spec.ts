import { ProviderError } from '../provider-error';
import { parseScopes, parseTokenResponse } from './token-response';

const now = new Date('2030-01-01T00:00:00Z');
const context = {
  provider: 'TWITTER',
  operation: 'exchange' as const,
  now,
  requestedScopes: ['a', 'b'],
};

describe('parseTokenResponse', () => {
  it('computes expiry instants from the lifetimes relative to the clock', () => {
    const tokens = parseTokenResponse(
      {
        access_token: 'at',
        refresh_token: 'rt',
        token_type: 'bearer',
        expires_in: 7200,
        refresh_token_expires_in: '86400',
      },
      context,
    );
    expect(tokens.expiresAt).toEqual(new Date('2030-01-01T02:00:00Z'));
    expect(tokens.refreshExpiresAt).toEqual(new Date('2030-01-02T00:00:00Z'));
    expect(tokens.tokenType).toBe('bearer');
  });

  it("reads TikTok's refresh_expires_in", () => {
    const tokens = parseTokenResponse(
      { access_token: 'at', refresh_token: 'rt', refresh_expires_in: 60 },
      context,
    );
    expect(tokens.refreshExpiresAt).toEqual(new Date('2030-01-01T00:01:00Z'));
  });

  it('leaves unknown or non-positive lifetimes null', () => {
    const tokens = parseTokenResponse(
      { access_token: 'at', expires_in: 0, refresh_token_expires_in: 100 },
      context,
    );
    expect(tokens.expiresAt).toBeNull();
    // No refresh token in the answer: its expiry belongs to the one the caller keeps.
    expect(tokens.refreshToken).toBeNull();
    expect(tokens.refreshExpiresAt).toBeNull();
  });

  it('reports the granted scopes, or the requested ones when the answer has none', () => {
    expect(parseTokenResponse({ access_token: 'at', scope: 'x y' }, context).scopes).toEqual([
      'x',
      'y',
    ]);
    expect(parseTokenResponse({ access_token: 'at' }, context).scopes).toEqual(['a', 'b']);
    expect(parseTokenResponse({ access_token: 'at', scope: '' }, context).scopes).toEqual([]);
  });

  it('keeps non-standard fields in extra, never a token or secret', () => {
    const tokens = parseTokenResponse(
      {
        access_token: 'at',
        refresh_token: 'rt',
        id_token: 'jwt',
        bot_access_token: 'xoxb',
        client_secret: 's',
        open_id: 'u-1',
        expires_in: 10,
        nested: { a: 1 },
      },
      context,
    );
    expect(tokens.extra).toEqual({ open_id: 'u-1', nested: { a: 1 } });
  });

  it('treats an answer without access_token as transient', () => {
    expect(() => parseTokenResponse({ token_type: 'bearer' }, context)).toThrow(
      expect.objectContaining({ kind: 'transient' }) as ProviderError,
    );
  });
});

describe('parseScopes', () => {
  it.each([
    ['space separated', 'a b  c', ['a', 'b', 'c']],
    ['comma separated', 'a,b', ['a', 'b']],
    ['an array', ['a', 'b', 'a'], ['a', 'b']],
    ['absent', undefined, null],
  ])('reads %s', (_name, value, expected) => {
    expect(parseScopes(value)).toEqual(expected);
  });
});

import { ProviderError } from '../../provider-error';
import { DISCORD_BOT_PERMISSIONS } from './discord-endpoints';
import { discordApiError, discordClassifyError, discordRetryAfter } from './discord-errors';
import { discordConfig, discordIdentity } from './discord';

describe('Discord identity', () => {
  it('maps /users/@me with the CDN avatar', () => {
    expect(
      discordIdentity({
        id: '80351110224678912',
        username: 'nelly',
        global_name: 'Nelly',
        avatar: 'a1b2',
      }),
    ).toEqual({
      externalId: '80351110224678912',
      displayName: 'Nelly',
      avatarUrl: 'https://cdn.discordapp.com/avatars/80351110224678912/a1b2.png',
    });
  });

  it('refuses an answer without id', () => {
    expect(() => discordIdentity({ username: 'nelly' })).toThrow(ProviderError);
  });
});

describe('Discord errors', () => {
  const input = (status: number, body: object, operation: 'identify' | 'refresh' = 'identify') => ({
    operation,
    status,
    providerCode: null,
    description: null,
    body: body as never,
  });

  it('reads {message, code} and the 429 retry_after', () => {
    expect(discordApiError({ message: 'Missing Access', code: 50001 })).toEqual({
      code: 50001,
      message: 'Missing Access',
    });
    expect(discordApiError({ error: 'invalid_grant' })).toBeNull();
    expect(discordRetryAfter({ message: 'rate limited', retry_after: 1.2, global: false })).toBe(2);
  });

  it('50025 / 401 is a dead token, 50001 / 50013 / 403 a lost permission, 429 transient', () => {
    expect(discordClassifyError(input(401, { message: '401: Unauthorized', code: 0 }))).toBe(
      'reauth_required',
    );
    expect(
      discordClassifyError(input(400, { message: 'Invalid OAuth2 access token', code: 50025 })),
    ).toBe('reauth_required');
    expect(discordClassifyError(input(403, { message: 'Missing Access', code: 50001 }))).toBe(
      'permission_lost',
    );
    expect(discordClassifyError(input(429, { retry_after: 1 }, 'refresh'))).toBe('transient');
    expect(discordClassifyError(input(400, { error: 'invalid_grant' }, 'refresh'))).toBeNull();
  });
});

describe('Discord configuration', () => {
  it('adds the bot with its permissions, PKCE S256, rotating refresh tokens', () => {
    const config = discordConfig({ clientId: 'id', clientSecret: 'secret' });
    expect(config).toMatchObject({ pkce: 'S256', clientAuth: 'basic', refreshRotates: true });
    expect(config.requiredScopes).toEqual(['identify', 'guilds', 'bot']);
    // VIEW_CHANNEL, SEND_MESSAGES, EMBED_LINKS, ATTACH_FILES + the three thread permissions
    expect(DISCORD_BOT_PERMISSIONS).toBe('377957174272');
    expect(config.extraAuthorizeParams).toEqual({ permissions: '377957174272' });
  });
});

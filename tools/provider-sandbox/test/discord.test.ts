import { missingScopes, type ProviderAdapter } from '@switchboard/providers';

import type { GrantItem, StatsBody } from './support/control-types';
import { ADAPTER_REDIRECT_URI, AdapterHarness, providerFailure } from './support/adapter-harness';
import { basicAuth } from './support/sandbox-harness';

/** The sandbox's Discord, driven by the real DISCORD adapter. */
describe('sandbox DISCORD', () => {
  let harness: AdapterHarness;
  let discord: ProviderAdapter;

  beforeAll(async () => {
    harness = await AdapterHarness.start();
    discord = harness.adapter('DISCORD', 500);
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('adds the bot to the user’s server: the guild comes in the token answer', async () => {
    const before = Date.now();
    const response = await harness.authorize(discord, 'alice');
    const grant = await discord.exchangeCode({
      code: response.code!,
      redirectUri: ADAPTER_REDIRECT_URI,
      codeVerifier: response.verifier,
    });
    expect(grant.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(604_800_000 - 5_000);
    const guild = grant.extra['guild'] as { id: string; name: string };
    expect(guild.name).toBe("alice's server");
    expect(await discord.identify(grant)).toMatchObject({ displayName: 'Alice' });
    const servers = await discord.channels!.list(grant);
    expect(servers).toEqual([expect.objectContaining({ id: guild.id, eligible: true })]);
    const connection = await discord.channels!.connect(grant, guild.id);
    expect(connection.tokens.extra).toMatchObject({ guildId: guild.id });
  });

  it('the redirect carries guild_id and permissions as hints', async () => {
    const url = new URL(
      discord.authorizationUrl({
        state: 'state-1',
        redirectUri: ADAPTER_REDIRECT_URI,
        scopes: discord.defaultScopes(),
        codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      }),
    );
    url.searchParams.set('sandbox_user', 'alice');
    url.searchParams.set('sandbox_action', 'approve');
    const res = await fetch(url, { redirect: 'manual' });
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('guild_id')).toMatch(/^\d{17,20}$/);
    expect(back.searchParams.get('permissions')).toBe('377957174272');
    expect(back.searchParams.get('state')).toBe('state-1');
  });

  it('a user without servers can add the bot nowhere: no server to offer', async () => {
    const grant = await harness.connect(discord, 'empty-bob');
    expect(grant.extra['guild']).toBeUndefined();
    expect(await discord.channels!.list(grant)).toEqual([]);
  });

  it('a denial comes back as access_denied; a dropped scope shows in the grant', async () => {
    expect(await harness.authorize(discord, 'alice', 'deny')).toMatchObject({
      error: 'access_denied',
    });
    const grant = await harness.connect(discord, 'alice', 'drop-scopes:guilds');
    expect(missingScopes(discord.requiredScopes(), grant.scopes)).toEqual(['guilds']);
    expect((await providerFailure(discord.channels!.list(grant))).kind).toBe('permission_lost');
  });

  it('PKCE S256 is checked: a wrong verifier is invalid_grant', async () => {
    const response = await harness.authorize(discord, 'alice');
    const error = await providerFailure(
      discord.exchangeCode({
        code: response.code!,
        redirectUri: ADAPTER_REDIRECT_URI,
        codeVerifier: 'x'.repeat(43),
      }),
    );
    expect(error.providerCode).toBe('invalid_grant');
  });

  it('refresh tokens are single use: a reused one is invalid_grant', async () => {
    const grant = await harness.connect(discord, 'alice');
    const refreshed = await discord.refresh({
      refreshToken: grant.refreshToken!,
      scopes: grant.scopes,
    });
    expect(refreshed.refreshToken).not.toBe(grant.refreshToken);
    const reused = await providerFailure(
      discord.refresh({ refreshToken: grant.refreshToken!, scopes: [] }),
    );
    expect(reused).toMatchObject({ kind: 'reauth_required', providerCode: 'invalid_grant' });
    await discord.refresh({ refreshToken: refreshed.refreshToken!, scopes: [] });
    const stats = await harness.control<StatsBody>('GET', '/stats');
    expect(stats.tokenCalls['DISCORD']).toEqual({ authorization_code: 1, refresh_token: 3 });
  });

  it('revoking either token ends the whole authorization', async () => {
    const grant = await harness.connect(discord, 'alice');
    expect(await discord.revoke({ accessToken: grant.accessToken, refreshToken: null })).toEqual({
      revoked: true,
    });
    expect(
      (await providerFailure(discord.refresh({ refreshToken: grant.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
    const grants = await harness.control<{ items: GrantItem[] }>('GET', '/grants?type=DISCORD');
    expect(grants.items[0]).toMatchObject({ status: 'revoked', revokedReason: 'client-revoked' });
  });

  it('the user withdraws access: refresh and API calls fail as reauth_required', async () => {
    const grant = await harness.connect(discord, 'alice');
    await harness.control('POST', '/revoke', { type: 'DISCORD', user: 'alice' });
    expect(
      (await providerFailure(discord.refresh({ refreshToken: grant.refreshToken!, scopes: [] })))
        .kind,
    ).toBe('reauth_required');
    expect((await providerFailure(discord.identify(grant))).kind).toBe('reauth_required');
  });

  it('the token endpoint takes form bodies only', async () => {
    const res = await fetch(`${harness.url}/discord/api/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: basicAuth('sandbox-discord-client', 'sandbox-discord-secret'),
      },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });

  describe.each([
    ['429', 'transient'],
    ['500', 'transient'],
    ['invalid_grant', 'reauth_required'],
    ['drop-response', 'transient'],
    ['timeout', 'transient'],
  ])('an injected %s on refresh', (kind, expected) => {
    it(`is ${expected}`, async () => {
      const grant = await harness.connect(discord, 'alice');
      await harness.fail('DISCORD', kind, 1, 4);
      const error = await providerFailure(
        discord.refresh({ refreshToken: grant.refreshToken!, scopes: [] }),
      );
      expect(error.kind).toBe(expected);
      if (kind === '429') expect(error.retryAfterSeconds).toBe(4);
    });
  });
});

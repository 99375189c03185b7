import { missingScopes, type ProviderAdapter, type TokenSet } from '@switchboard/providers';

import type { GrantItem, StatsBody } from './control-types';
import { ADAPTER_REDIRECT_URI, type AdapterHarness, providerFailure } from './adapter-harness';

export interface LongLivedPlatform {
  readonly type: 'INSTAGRAM_LOGIN' | 'THREADS';
  readonly basicScope: string;
  readonly optionalScope: string;
  readonly exchangeGrant: string;
  readonly refreshGrant: string;
  /** Whether the code exchange names the granted scopes (Instagram does, Threads does not). */
  readonly reportsGrantedScopes: boolean;
}

/**
 * What Instagram Login and Threads share, run against the sandbox with the real adapter: code →
 * short-lived → long-lived token, the 24-hour refresh rule on both sides, revocation, every error
 * class. `harness()` and `adapter()` are read when the tests run.
 */
export function longLivedScenarios(
  platform: LongLivedPlatform,
  harness: () => AdapterHarness,
  adapter: () => ProviderAdapter,
): void {
  const { type } = platform;

  async function age(user: string, by: number): Promise<void> {
    await harness().control('POST', '/age', { type, user, hours: by });
  }

  async function grants(): Promise<GrantItem[]> {
    return (await harness().control<{ items: GrantItem[] }>('GET', `/grants?type=${type}`)).items;
  }

  async function connect(user = 'alice', action = 'approve'): Promise<TokenSet> {
    return harness().connect(adapter(), user, action);
  }

  async function refresh(tokens: TokenSet): Promise<TokenSet> {
    return adapter().refresh({ refreshToken: tokens.refreshToken!, scopes: tokens.scopes });
  }

  it('connects: short-lived → long-lived token, its lifetime read at runtime, refreshable', async () => {
    const before = Date.now();
    const tokens = await connect();
    expect(tokens.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 5_183_944_000);
    expect(tokens.refreshExpiresAt).toEqual(tokens.expiresAt);
    expect(adapter().refreshable(tokens)).toBe(true);
    expect(missingScopes(adapter().requiredScopes(), tokens.scopes)).toEqual([]);
    const identity = await adapter().identify(tokens);
    expect(identity.externalId).toMatch(/^\d+$/);
    const stats = await harness().control<StatsBody>('GET', '/stats');
    expect(stats.tokenCalls[type]).toEqual({ authorization_code: 1, [platform.exchangeGrant]: 1 });
  });

  it('denial → error=access_denied', async () => {
    expect(await harness().authorize(adapter(), 'alice', 'deny')).toMatchObject({
      code: null,
      error: 'access_denied',
    });
  });

  it(`a dropped ${platform.basicScope} → identify is permission_lost naming it`, async () => {
    const tokens = await connect('alice', `drop-scopes:${platform.basicScope}`);
    if (platform.reportsGrantedScopes) {
      expect(missingScopes(adapter().requiredScopes(), tokens.scopes)).toEqual([
        platform.basicScope,
      ]);
    }
    expect(await providerFailure(adapter().identify(tokens))).toMatchObject({
      kind: 'permission_lost',
      missingScopes: [platform.basicScope],
    });
  });

  it('refreshes only once the token is 24 hours old: before → transient with the wait; after → a new token', async () => {
    const tokens = await connect();
    const early = await providerFailure(refresh(tokens));
    expect(early).toMatchObject({ kind: 'transient', providerCode: '100' });
    expect(early.retryAfterSeconds).toBeGreaterThan(86_390);
    expect(early.retryAfterSeconds).toBeLessThanOrEqual(86_400);

    await age('alice', 23);
    expect((await providerFailure(refresh(tokens))).kind).toBe('transient');

    await age('alice', 2);
    const next = await refresh(tokens);
    expect(next.accessToken).not.toBe(tokens.accessToken);
    expect(next.refreshToken).not.toBe(tokens.refreshToken);
    expect(next.expiresAt!.getTime()).toBeGreaterThanOrEqual(tokens.expiresAt!.getTime());
    expect(adapter().refreshable(next)).toBe(true);
    expect(await adapter().identify(next)).toBeDefined();
    // The previous token is not killed by the refresh.
    expect(await adapter().identify(tokens)).toBeDefined();

    const stats = await harness().control<StatsBody>('GET', '/stats');
    expect(stats.tokenCalls[type]?.[platform.refreshGrant]).toBe(3);
    expect((await grants())[0]).toMatchObject({ refreshes: 1 });
  });

  it('the refreshed token must itself be 24 hours old before its own refresh', async () => {
    const tokens = await connect();
    await age('alice', 25);
    const next = await refresh(tokens);
    // The grant counts 25 hours older, the new token only now-old: it is refused until… it
    // too counts as 24 hours old.
    expect((await providerFailure(refresh(next))).kind).toBe('transient');
    await age('alice', 24);
    expect((await refresh(next)).accessToken).not.toBe(next.accessToken);
  });

  it('an expired long-lived token cannot be refreshed → reauth_required (190/463)', async () => {
    await harness().control('POST', '/ttl', { type, accessTtlSeconds: 1 });
    const tokens = await connect();
    expect(tokens.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(1000);
    await age('alice', 25);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(adapter().refreshable(tokens)).toBe(false);
    expect(await providerFailure(refresh(tokens))).toMatchObject({
      kind: 'reauth_required',
      providerCode: '190/463',
    });
  });

  it('the person removes the app (/_sandbox/revoke) → reauth_required; revoke() has no endpoint', async () => {
    const tokens = await connect();
    expect(
      await adapter().revoke({
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
      }),
    ).toEqual({
      revoked: false,
    });
    expect((await grants())[0]).toMatchObject({ status: 'active' });
    await harness().control('POST', '/revoke', { type, user: 'alice' });
    await age('alice', 25);
    expect(await providerFailure(refresh(tokens))).toMatchObject({
      kind: 'reauth_required',
      providerCode: '190/458',
    });
    expect(await providerFailure(adapter().identify(tokens))).toMatchObject({
      kind: 'reauth_required',
    });
  });

  describe('refresh faults', () => {
    async function aged(): Promise<TokenSet> {
      const tokens = await connect();
      await age('alice', 25);
      return tokens;
    }

    it('429 → transient with the usage estimate', async () => {
      const tokens = await aged();
      await harness().fail(type, '429', 1, 600);
      expect(await providerFailure(refresh(tokens))).toMatchObject({
        kind: 'transient',
        providerCode: '4',
        retryAfterSeconds: 600,
      });
    });

    it('500 → transient', async () => {
      const tokens = await aged();
      await harness().fail(type, '500', 1);
      expect(await providerFailure(refresh(tokens))).toMatchObject({
        kind: 'transient',
        status: 500,
      });
    });

    it('invalid_grant → reauth_required', async () => {
      const tokens = await aged();
      await harness().fail(type, 'invalid_grant', 1);
      expect(await providerFailure(refresh(tokens))).toMatchObject({ kind: 'reauth_required' });
    });

    it('a timeout → transient', async () => {
      const tokens = await aged();
      await harness().fail(type, 'timeout', 1);
      const quick = harness().adapter(type, 500);
      expect(
        await providerFailure(quick.refresh({ refreshToken: tokens.refreshToken!, scopes: [] })),
      ).toMatchObject({ kind: 'transient' });
    });

    it('a lost answer → transient, and the old token still refreshes: nothing rotates away', async () => {
      const tokens = await aged();
      await harness().fail(type, 'drop-response', 1);
      expect((await providerFailure(refresh(tokens))).kind).toBe('transient');
      expect((await grants())[0]).toMatchObject({ refreshes: 1, status: 'active' });
      expect((await refresh(tokens)).accessToken).not.toBe(tokens.accessToken);
    });
  });

  it('a code used twice → invalid_request, and the grant it made is revoked', async () => {
    const response = await harness().authorize(adapter(), 'alice');
    const params = { code: response.code!, redirectUri: ADAPTER_REDIRECT_URI, codeVerifier: null };
    const tokens = await adapter().exchangeCode(params);
    expect(await providerFailure(adapter().exchangeCode(params))).toMatchObject({
      kind: 'invalid_request',
      providerCode: '400',
    });
    expect(await providerFailure(adapter().identify(tokens))).toMatchObject({
      kind: 'reauth_required',
    });
  });

  it(`an optional scope the person unticks (${platform.optionalScope}) is not required`, async () => {
    const tokens = await connect('alice', `drop-scopes:${platform.optionalScope}`);
    expect(missingScopes(adapter().requiredScopes(), tokens.scopes)).toEqual([]);
    if (platform.reportsGrantedScopes) expect(tokens.scopes).not.toContain(platform.optionalScope);
    expect(await adapter().identify(tokens)).toBeDefined();
  });
}

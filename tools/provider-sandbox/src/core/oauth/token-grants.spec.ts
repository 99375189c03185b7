import { genericPlatform } from '../../platforms/generic.platform';
import { twitterPlatform } from '../../platforms/twitter.platform';
import type { PlatformDefinition } from '../platform';
import { SandboxState } from '../sandbox-state';
import { authorize } from './authorize';
import { OAuthError } from './oauth-error';
import { s256Challenge } from './pkce';
import { exchangeAuthorizationCode, refreshAccessToken } from './token-grants';

const REDIRECT_URI = 'https://app.test/cb';
const VERIFIER = 'v'.repeat(43);

/** A sandbox state on a clock the test moves by hand. */
function fakeClockState(): { state: SandboxState; advance: (seconds: number) => void } {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const state = new SandboxState(() => now);
  state.setOrigin('http://sandbox.test');
  return { state, advance: (seconds) => (now += seconds * 1000) };
}

function issueCode(state: SandboxState, platform: PlatformDefinition, scope: string): string {
  const outcome = authorize(state, platform, {
    response_type: 'code',
    client_id: `sandbox-${platform.type.toLowerCase()}-client`,
    redirect_uri: REDIRECT_URI,
    scope,
    code_challenge: s256Challenge(VERIFIER),
    code_challenge_method: 'S256',
    sandbox_user: 'alice',
    sandbox_action: 'approve',
  });
  if (outcome.kind !== 'redirect') throw new Error(`unexpected ${outcome.kind}`);
  return new URL(outcome.location).searchParams.get('code')!;
}

function errorCodeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthError) return error.error;
    throw error;
  }
  return 'none';
}

const client = (platform: PlatformDefinition) =>
  ({
    clientId: `sandbox-${platform.type.toLowerCase()}-client`,
    method: 'client_secret_basic',
  }) as const;

describe('authorization codes', () => {
  it.each([
    [genericPlatform, 60],
    [twitterPlatform, 30],
  ])('a $type code expires after its platform’s lifetime', (platform, lifetime) => {
    const { state, advance } = fakeClockState();
    const body = { code: '', redirect_uri: REDIRECT_URI, code_verifier: VERIFIER };
    const fresh = issueCode(state, platform, 'tweet.read');
    advance(lifetime - 1);
    expect(() =>
      exchangeAuthorizationCode(state, platform, client(platform), { ...body, code: fresh }),
    ).not.toThrow();

    const stale = issueCode(state, platform, 'tweet.read');
    advance(lifetime);
    expect(
      errorCodeOf(() =>
        exchangeAuthorizationCode(state, platform, client(platform), { ...body, code: stale }),
      ),
    ).toBe('invalid_grant');
  });
});

describe('refresh tokens', () => {
  it('a refresh token expires after the refresh TTL; the grant’s access tokens after theirs', () => {
    const { state, advance } = fakeClockState();
    state.lifetimes.set('GENERIC', genericPlatform.defaultLifetimes, 10, 100);
    const code = issueCode(state, genericPlatform, 'profile');
    const issued = exchangeAuthorizationCode(state, genericPlatform, client(genericPlatform), {
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: VERIFIER,
    });
    expect(issued.refreshExpiresIn).toBe(100);
    advance(100);
    expect(
      errorCodeOf(() =>
        refreshAccessToken(state, genericPlatform, client(genericPlatform), {
          refresh_token: issued.refreshToken,
        }),
      ),
    ).toBe('invalid_grant');
  });

  it('X issues no refresh token without offline.access', () => {
    const { state } = fakeClockState();
    const code = issueCode(state, twitterPlatform, 'tweet.read users.read');
    const issued = exchangeAuthorizationCode(state, twitterPlatform, client(twitterPlatform), {
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: VERIFIER,
    });
    expect(issued.refreshToken).toBeNull();
    expect(issued.accessExpiresIn).toBe(7200);
  });

  it('a fixed-expiry platform keeps the first refresh token’s expiry across rotations', () => {
    const { state, advance } = fakeClockState();
    const fixed: PlatformDefinition = {
      ...genericPlatform,
      refreshTokens: { ...genericPlatform.refreshTokens, expiry: 'fixed' },
    };
    const code = issueCode(state, fixed, 'profile');
    const first = exchangeAuthorizationCode(state, fixed, client(fixed), {
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: VERIFIER,
    });
    advance(1000);
    const second = refreshAccessToken(state, fixed, client(fixed), {
      refresh_token: first.refreshToken,
    });
    expect(second.refreshExpiresIn).toBe(first.refreshExpiresIn! - 1000);
  });
});

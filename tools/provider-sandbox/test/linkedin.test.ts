import { missingScopes } from '@switchboard/providers';

import { ADAPTER_REDIRECT_URI, AdapterHarness, providerFailure } from './support/adapter-harness';

const DAY_MS = 24 * 3600 * 1000;

describe('LINKEDIN adapter against the sandbox', () => {
  let harness: AdapterHarness;

  beforeAll(async () => {
    harness = await AdapterHarness.start();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('connects a member: 60-day token, no refresh token, identity from /v2/userinfo', async () => {
    const linkedin = harness.adapter('LINKEDIN');
    const before = Date.now();
    const tokens = await harness.connect(linkedin, 'alice');

    expect(tokens.scopes).toEqual(['openid', 'profile', 'email', 'w_member_social']);
    expect(missingScopes(linkedin.requiredScopes(), tokens.scopes)).toEqual([]);
    expect(tokens.expiresAt!.getTime() - before).toBeGreaterThan(59 * DAY_MS);
    expect(tokens.refreshToken).toBeNull();
    // Not refreshable: the connection lives on expiry warnings.
    expect(linkedin.refreshable(tokens)).toBe(false);
    expect(linkedin.channels).toBeNull();

    const identity = await linkedin.identify(tokens);
    expect(identity).toEqual({
      externalId: expect.stringMatching(/^[A-Za-z0-9_-]{10}$/) as string,
      displayName: 'Alice',
      avatarUrl: expect.stringContaining('/_sandbox/avatars/') as string,
    });
    expect((await linkedin.identify(await harness.connect(linkedin, 'alice'))).externalId).toBe(
      identity.externalId,
    );
  });

  it('a Cancel comes back as an error on the redirect, with no code', async () => {
    const response = await harness.authorize(harness.adapter('LINKEDIN'), 'alice', 'deny');
    expect(response).toMatchObject({ code: null, error: 'access_denied' });
    expect(response.state).not.toBeNull();
  });

  it('a dropped scope shows as missing, and the API refuses what it guarded', async () => {
    const linkedin = harness.adapter('LINKEDIN');
    const tokens = await harness.connect(linkedin, 'alice', 'drop-scopes:profile');
    expect(missingScopes(linkedin.requiredScopes(), tokens.scopes)).toEqual(['profile']);
    const error = await providerFailure(linkedin.identify(tokens));
    expect(error).toMatchObject({
      kind: 'permission_lost',
      status: 403,
      providerCode: 'ACCESS_DENIED',
    });
  });

  it('revocation: the adapter revokes the access token and LinkedIn then says REVOKED_ACCESS_TOKEN', async () => {
    const linkedin = harness.adapter('LINKEDIN');
    const tokens = await harness.connect(linkedin, 'alice');
    expect(await linkedin.revoke({ accessToken: tokens.accessToken, refreshToken: null })).toEqual({
      revoked: true,
    });
    const error = await providerFailure(linkedin.identify(tokens));
    expect(error).toMatchObject({
      kind: 'reauth_required',
      status: 401,
      providerCode: 'REVOKED_ACCESS_TOKEN',
    });
    expect(error.message).not.toContain(tokens.accessToken);
  });

  it('a member who withdraws access in their settings: reauth_required', async () => {
    const linkedin = harness.adapter('LINKEDIN');
    const tokens = await harness.connect(linkedin, 'alice');
    await harness.control('POST', '/revoke', { type: 'LINKEDIN', user: 'alice' });
    expect((await providerFailure(linkedin.identify(tokens))).kind).toBe('reauth_required');
  });

  it('an expired access token: reauth_required with EXPIRED_ACCESS_TOKEN', async () => {
    await harness.control('POST', '/ttl', { type: 'LINKEDIN', accessTtlSeconds: 1 });
    const linkedin = harness.adapter('LINKEDIN');
    const tokens = await harness.connect(linkedin, 'alice');
    expect(tokens.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(1000);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await providerFailure(linkedin.identify(tokens))).toMatchObject({
      kind: 'reauth_required',
      providerCode: 'EXPIRED_ACCESS_TOKEN',
    });
  });

  it('a code for another redirect URI, or used twice: invalid_request (LinkedIn says so, not invalid_grant)', async () => {
    const linkedin = harness.adapter('LINKEDIN');
    const first = await harness.authorize(linkedin, 'alice');
    const wrong = await providerFailure(
      linkedin.exchangeCode({
        code: first.code!,
        redirectUri: `${ADAPTER_REDIRECT_URI}/elsewhere`,
        codeVerifier: null,
      }),
    );
    expect(wrong).toMatchObject({
      kind: 'invalid_request',
      status: 400,
      providerCode: 'invalid_request',
    });
    expect(wrong.message).toContain('Unable to retrieve access token');
    expect(wrong.message).not.toContain(first.code!);

    const second = await harness.authorize(linkedin, 'alice');
    const exchange = () =>
      linkedin.exchangeCode({
        code: second.code!,
        redirectUri: ADAPTER_REDIRECT_URI,
        codeVerifier: null,
      });
    await exchange();
    expect((await providerFailure(exchange())).kind).toBe('invalid_request');
  });

  it('transient failures: 429 with Retry-After, 500, a timeout', async () => {
    const linkedin = harness.adapter('LINKEDIN', 300);
    await harness.fail('LINKEDIN', '429', 1, 42);
    await harness.fail('LINKEDIN', '500', 1);
    await harness.fail('LINKEDIN', 'timeout', 1);
    const attempt = async () => {
      const response = await harness.authorize(linkedin, 'alice');
      return providerFailure(
        linkedin.exchangeCode({
          code: response.code!,
          redirectUri: ADAPTER_REDIRECT_URI,
          codeVerifier: null,
        }),
      );
    };
    expect(await attempt()).toMatchObject({
      kind: 'transient',
      status: 429,
      retryAfterSeconds: 42,
    });
    expect(await attempt()).toMatchObject({ kind: 'transient', status: 500 });
    expect(await attempt()).toMatchObject({ kind: 'transient', status: null });
    const stats = await harness.control<{ tokenCalls: Record<string, Record<string, number>> }>(
      'GET',
      '/stats',
    );
    expect(stats.tokenCalls['LINKEDIN']).toEqual({ authorization_code: 3 });
  });
});

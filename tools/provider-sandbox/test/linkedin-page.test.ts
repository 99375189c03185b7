import { missingScopes } from '@switchboard/providers';

import { AdapterHarness, providerFailure } from './support/adapter-harness';

const DAY_MS = 24 * 3600 * 1000;

describe('LINKEDIN_PAGE adapter against the sandbox', () => {
  let harness: AdapterHarness;

  beforeAll(async () => {
    harness = await AdapterHarness.start();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.reset());

  it('lists only the organizations the member administers, and connects one with the member token', async () => {
    const page = harness.adapter('LINKEDIN_PAGE');
    const grant = await harness.connect(page, 'alice');
    expect(grant.refreshToken).not.toBeNull();
    expect(grant.refreshExpiresAt!.getTime() - Date.now()).toBeGreaterThan(364 * DAY_MS);
    expect(page.refreshable(grant)).toBe(true);
    expect(page.channels).toMatchObject({
      noChannelsParam: 'linkedin-page-not-enough-channels',
      multiple: true,
    });

    // alice is ADMINISTRATOR of "alice Inc." and only ANALYST of "Alice Analytics Guild".
    const candidates = await page.channels!.list(grant);
    expect(candidates).toEqual([
      {
        id: expect.stringMatching(/^urn:li:organization:\d{8}$/) as string,
        name: 'alice Inc.',
        avatarUrl: expect.stringMatching(/\/_sandbox\/avatars\/\d{8}\.svg$/) as string,
        eligible: true,
        detail: 'linkedin.com/company/alice-inc · Administrator',
      },
    ]);

    const chosen = await page.channels!.connect(grant, candidates[0].id);
    const organizationId = candidates[0].id.split(':').pop();
    expect(chosen).toMatchObject({
      externalId: candidates[0].id,
      displayName: 'alice Inc.',
      avatarUrl: candidates[0].avatarUrl,
    });
    expect(chosen.tokens).toMatchObject({
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      extra: { organizationUrn: candidates[0].id, organizationId },
    });
  });

  it('an organization where the member is only an analyst cannot be connected', async () => {
    const page = harness.adapter('LINKEDIN_PAGE');
    const grant = await harness.connect(page, 'alice');
    const acls = await fetch(
      `${harness.url}/linkedin_page/rest/organizationAcls?q=roleAssignee&role=ANALYST`,
      { headers: { authorization: `Bearer ${grant.accessToken}`, 'linkedin-version': '202609' } },
    );
    const body = (await acls.json()) as { elements: { organization: string }[] };
    expect(body.elements).toHaveLength(1);
    const error = await providerFailure(
      page.channels!.connect(grant, body.elements[0].organization),
    );
    expect(error.kind).toBe('permission_lost');
  });

  it('the versioned API wants LinkedIn-Version: missing → 400 VERSION_MISSING, sunset → 426', async () => {
    const grant = await harness.connect(harness.adapter('LINKEDIN_PAGE'), 'alice');
    const acls = (version?: string) =>
      fetch(`${harness.url}/linkedin_page/rest/organizationAcls?q=roleAssignee`, {
        headers: {
          authorization: `Bearer ${grant.accessToken}`,
          ...(version === undefined ? {} : { 'linkedin-version': version }),
        },
      });
    const missing = await acls();
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ status: 400, code: 'VERSION_MISSING' });
    const sunset = await acls('202301');
    expect(sunset.status).toBe(426);
    expect(await sunset.json()).toMatchObject({ code: 'NONEXISTENT_VERSION' });
    expect((await acls('202609')).status).toBe(200);
  });

  it('no organization to administer: no candidates (→ linkedin-page-not-enough-channels)', async () => {
    const page = harness.adapter('LINKEDIN_PAGE');
    const grant = await harness.connect(page, 'empty-bob');
    expect(await page.channels!.list(grant)).toEqual([]);
  });

  it('a dropped rw_organization_admin: missing, and the ACL finder refuses (permission_lost)', async () => {
    const page = harness.adapter('LINKEDIN_PAGE');
    const grant = await harness.connect(page, 'alice', 'drop-scopes:rw_organization_admin');
    expect(missingScopes(page.requiredScopes(), grant.scopes)).toEqual(['rw_organization_admin']);
    expect(await providerFailure(page.channels!.list(grant))).toMatchObject({
      kind: 'permission_lost',
      status: 403,
      providerCode: 'ACCESS_DENIED',
    });
  });

  it('refresh: a new access token, the same refresh token, its lifetime still counting down from the first grant', async () => {
    const page = harness.adapter('LINKEDIN_PAGE');
    const grant = await harness.connect(page, 'alice');
    const refreshed = await page.refresh({
      refreshToken: grant.refreshToken!,
      scopes: grant.scopes,
    });
    expect(refreshed.accessToken).not.toBe(grant.accessToken);
    expect(refreshed.refreshToken).toBe(grant.refreshToken);
    expect(refreshed.refreshExpiresAt!.getTime()).toBeLessThanOrEqual(
      grant.refreshExpiresAt!.getTime() + 1000,
    );
    expect(refreshed.scopes).toEqual(grant.scopes);
    expect(page.refreshRotates).toBe(false);
    expect((await page.channels!.list(refreshed)).length).toBe(1);
  });

  it('a refresh whose answer was lost can simply be retried: LinkedIn does not rotate', async () => {
    const page = harness.adapter('LINKEDIN_PAGE');
    const grant = await harness.connect(page, 'alice');
    await harness.fail('LINKEDIN_PAGE', 'drop-response', 1);
    expect(
      (await providerFailure(page.refresh({ refreshToken: grant.refreshToken!, scopes: [] }))).kind,
    ).toBe('transient');
    const retried = await page.refresh({ refreshToken: grant.refreshToken!, scopes: [] });
    expect(retried.accessToken).toMatch(/^sbx_at_/);
  });

  it('a dead refresh token (LinkedIn says invalid_request) is reauth_required', async () => {
    const page = harness.adapter('LINKEDIN_PAGE');
    const grant = await harness.connect(page, 'alice');
    await harness.control('POST', '/revoke', { type: 'LINKEDIN_PAGE', user: 'alice' });
    const error = await providerFailure(
      page.refresh({ refreshToken: grant.refreshToken!, scopes: [] }),
    );
    expect(error).toMatchObject({
      kind: 'reauth_required',
      status: 400,
      providerCode: 'invalid_request',
    });
    expect(error.message).toContain('refresh token is invalid, expired or revoked');
    expect(error.message).not.toContain(grant.refreshToken!);

    const fresh = await harness.connect(page, 'carol');
    await harness.fail('LINKEDIN_PAGE', 'invalid_grant', 1);
    expect(
      (await providerFailure(page.refresh({ refreshToken: fresh.refreshToken!, scopes: [] }))).kind,
    ).toBe('reauth_required');
  });

  it('revocation ends the grant: the organizations API and the refresh both refuse', async () => {
    const page = harness.adapter('LINKEDIN_PAGE');
    const grant = await harness.connect(page, 'alice');
    expect(
      await page.revoke({ accessToken: grant.accessToken, refreshToken: grant.refreshToken }),
    ).toEqual({
      revoked: true,
    });
    expect(await providerFailure(page.channels!.list(grant))).toMatchObject({
      kind: 'reauth_required',
      providerCode: 'REVOKED_ACCESS_TOKEN',
    });
    expect(
      (await providerFailure(page.refresh({ refreshToken: grant.refreshToken!, scopes: [] }))).kind,
    ).toBe('reauth_required');
  });

  it('a throttled refresh is transient and says when to come back', async () => {
    const page = harness.adapter('LINKEDIN_PAGE');
    const grant = await harness.connect(page, 'alice');
    await harness.fail('LINKEDIN_PAGE', '429', 1, 90);
    expect(
      await providerFailure(page.refresh({ refreshToken: grant.refreshToken!, scopes: [] })),
    ).toMatchObject({
      kind: 'transient',
      status: 429,
      retryAfterSeconds: 90,
    });
  });
});

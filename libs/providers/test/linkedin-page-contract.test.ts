import { createProviderRegistry, ProviderError, type ProviderAdapter, type TokenSet } from '../src';
import { startRecordingServer, type RecordingServer } from './support/recording-server';

/**
 * LINKEDIN_PAGE: the same OAuth as LINKEDIN (its own app), and the Community Management reads
 * its channel list makes (learn.microsoft.com/linkedin/marketing/community-management/
 * organizations/organization-access-control-by-role): versioned `/rest` calls with
 * `LinkedIn-Version` and `X-Restli-Protocol-Version: 2.0.0`.
 */
const NOW = new Date('2030-01-01T00:00:00Z');
const ORG = 'urn:li:organization:12345678';
const IMAGE = 'urn:li:image:C4D0BAQabc';

let server: RecordingServer;
let page: ProviderAdapter;

beforeEach(async () => {
  server = await startRecordingServer();
  const env = {
    SANDBOX_URL: server.url,
    LINKEDIN_PAGE_CLIENT_ID: 'lp-client',
    LINKEDIN_PAGE_CLIENT_SECRET: 'lp-secret',
  };
  page = createProviderRegistry({ env, clock: { now: () => NOW } }).get('LINKEDIN_PAGE');
});

afterEach(async () => {
  await server.close();
});

const grant: TokenSet = {
  accessToken: 'at-1',
  refreshToken: 'rt-1',
  tokenType: 'Bearer',
  expiresAt: null,
  refreshExpiresAt: null,
  scopes: ['rw_organization_admin'],
  extra: {},
};

function scriptOrganization(): void {
  server.reply('GET /linkedin_page/rest/organizationAcls', {
    status: 200,
    body: {
      paging: { start: 0, count: 50, total: 2 },
      elements: [
        {
          roleAssignee: 'urn:li:person:abc',
          role: 'ADMINISTRATOR',
          state: 'APPROVED',
          organization: ORG,
        },
        // Not something the finder answers for role=ADMINISTRATOR, but never trusted blindly.
        {
          roleAssignee: 'urn:li:person:abc',
          role: 'ANALYST',
          state: 'APPROVED',
          organization: 'urn:li:organization:87654321',
        },
      ],
    },
  });
  server.reply('GET /linkedin_page/rest/organizations/12345678', {
    status: 200,
    body: { id: 12345678, localizedName: 'Acme', vanityName: 'acme', logoV2: { original: IMAGE } },
  });
  server.reply(`GET /linkedin_page/rest/images/${encodeURIComponent(IMAGE)}`, {
    status: 200,
    body: { id: IMAGE, status: 'AVAILABLE', downloadUrl: 'https://media.licdn.com/acme.png' },
  });
}

describe('LinkedIn Pages (LINKEDIN_PAGE) adapter, on the wire', () => {
  it('requests the Community Management scopes', () => {
    const url = new URL(
      page.authorizationUrl({
        state: 's',
        redirectUri: 'https://switchboard.example/cb',
        scopes: page.defaultScopes(),
        codeChallenge: null,
      }),
    );
    expect(url.pathname).toBe('/linkedin_page/oauth/v2/authorization');
    expect(url.searchParams.get('scope')).toBe(
      'openid profile rw_organization_admin w_organization_social r_organization_social',
    );
    expect(page.requiredScopes()).toEqual(['rw_organization_admin']);
  });

  it('finds administered organizations, then names them and fetches their logos', async () => {
    scriptOrganization();
    expect(await page.channels!.list(grant)).toEqual([
      {
        id: ORG,
        name: 'Acme',
        avatarUrl: 'https://media.licdn.com/acme.png',
        eligible: true,
        detail: 'linkedin.com/company/acme · Administrator',
      },
    ]);

    const [acls, organization, image] = server.requests;
    expect(server.requests).toHaveLength(3);
    expect(acls.method).toBe('GET');
    expect(acls.path).toBe('/linkedin_page/rest/organizationAcls');
    expect(acls.query).toEqual({
      q: 'roleAssignee',
      role: 'ADMINISTRATOR',
      state: 'APPROVED',
      start: '0',
      count: '50',
    });
    for (const request of server.requests) {
      expect(request.headers['authorization']).toBe('Bearer at-1');
      expect(request.headers['linkedin-version']).toMatch(/^\d{6}$/);
      expect(request.headers['x-restli-protocol-version']).toBe('2.0.0');
    }
    expect(organization.path).toBe('/linkedin_page/rest/organizations/12345678');
    expect(image.path).toBe(`/linkedin_page/rest/images/${encodeURIComponent(IMAGE)}`);
  });

  it('connects an organization: the member token with the organization URN and id in extra', async () => {
    scriptOrganization();
    const chosen = await page.channels!.connect(grant, ORG);
    expect(chosen).toEqual({
      externalId: ORG,
      displayName: 'Acme',
      avatarUrl: 'https://media.licdn.com/acme.png',
      tokens: { ...grant, extra: { organizationUrn: ORG, organizationId: '12345678' } },
    });
  });

  it('a logo that cannot be fetched leaves the candidate without one', async () => {
    scriptOrganization();
    server.reply(`GET /linkedin_page/rest/images/${encodeURIComponent(IMAGE)}`, {
      status: 404,
      body: { status: 404, message: 'Not Found' },
    });
    expect((await page.channels!.list(grant))[0].avatarUrl).toBeNull();
  });

  it('a sunset LinkedIn-Version (426 NONEXISTENT_VERSION) is our configuration: transient', async () => {
    server.reply('GET /linkedin_page/rest/organizationAcls', {
      status: 426,
      body: {
        status: 426,
        code: 'NONEXISTENT_VERSION',
        message: 'Requested version 202301 is not active',
      },
    });
    const error = await page.channels!.list(grant).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'transient', providerCode: 'NONEXISTENT_VERSION' });
  });

  it('a member without the role (403 ACCESS_DENIED) → permission_lost', async () => {
    server.reply('GET /linkedin_page/rest/organizationAcls', {
      status: 403,
      body: {
        status: 403,
        serviceErrorCode: 100,
        code: 'ACCESS_DENIED',
        message: 'Not enough permissions to access: organizationAcls.FINDER-roleAssignee',
      },
    });
    const error = await page.channels!.list(grant).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      kind: 'permission_lost',
      status: 403,
      providerCode: 'ACCESS_DENIED',
    });
  });
});

import { signLink } from '@switchboard/platform';
import { createTeam, PRODUCT_ORIGIN, type TeamFixture } from './support/flows';
import { System } from './support/system';

interface Link {
  url: string;
  expiresAt: string;
}

/**
 * The hosted pages at the HTTP level: what a product passes is validated and escaped, the
 * redirect allow-list holds against the usual tricks, links cannot be forged, stretched or
 * reused for the other page, and forms refuse cross-site posts.
 */
describe('hosted portal and accounts page: security', () => {
  const system = new System();
  let team: TeamFixture;

  beforeAll(async () => {
    await system.start();
    team = await createTeam(system.api, 'Portal security');
  }, 180_000);

  afterAll(() => system.stop());

  const portalBody = (extra: Record<string, unknown> = {}) => ({
    teamId: team.teamId,
    redirectUrl: `${PRODUCT_ORIGIN}/connected`,
    socialAccountTypes: ['FACEBOOK', 'LINKEDIN_PAGE'],
    ...extra,
  });

  async function portalLink(extra: Record<string, unknown> = {}): Promise<string> {
    const res = await system.api.post<Link>(
      '/api/v1/social-account/create-portal-link',
      portalBody(extra),
    );
    expect(res.status).toBe(201);
    return res.body.url;
  }

  async function page(url: string, headers: Record<string, string> = {}) {
    const res = await fetch(url, { headers, redirect: 'manual' });
    return { status: res.status, headers: res.headers, body: await res.text() };
  }

  const tokenOf = (url: string) => new URL(url).searchParams.get('t')!;
  const idOf = (url: string) =>
    (JSON.parse(Buffer.from(tokenOf(url).split('.')[0], 'base64url').toString()) as { id: string })
      .id;

  it('should neutralise <script> in userName and serve the page under a strict CSP', async () => {
    const url = await portalLink({ userName: '<script>alert("x")</script><img src=x onerror=1>' });
    const res = await page(url);
    expect(res.status).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // every script comes from this origin; nothing inline
    expect(res.body.match(/<script[^>]*>/g)).toEqual(['<script src="/portal/assets/pages.js">']);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it.each([
    ['javascript:alert(1)'],
    ['http://cdn.example.com/logo.png'],
    ['data:image/svg+xml,<svg onload=alert(1)>'],
    ['//cdn.example.com/logo.png'],
    ['https://user:pw@cdn.example.com/logo.png'],
  ])('should refuse logoUrl / userLogoUrl %s (https only)', async (logo) => {
    for (const field of ['logoUrl', 'userLogoUrl']) {
      const res = await system.api.post<{ code: string; message: string }>(
        '/api/v1/social-account/create-portal-link',
        portalBody({ [field]: logo }),
      );
      expect({ field, status: res.status, code: res.body.code }).toEqual({
        field,
        status: 400,
        code: 'validation-failed',
      });
    }
  });

  it.each([
    ['another origin', 'https://evil.com/connected'],
    ['a scheme-relative URL', '//evil.com/connected'],
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['a scheme without slashes', 'https:evil.com'],
    ['an encoded scheme-relative URL', '%2F%2Fevil.com'],
    ['a backslash trick', 'https://evil.com\\@app.example.com/'],
    ['backslashes instead of slashes', 'https:\\\\evil.com'],
    ['userinfo', 'https://app.example.com@evil.com/'],
    ['a look-alike host', 'https://app.example.com.evil.com/'],
    ['plain http to the product', 'http://app.example.com/connected'],
    ['a data URL', 'data:text/html,<script>alert(1)</script>'],
  ])('should refuse %s as redirectUrl', async (_what, redirectUrl) => {
    for (const path of ['create-portal-link', 'create-accounts-page-link']) {
      const res = await system.api.post<{ code: string }>(`/api/v1/social-account/${path}`, {
        ...(path === 'create-portal-link' ? portalBody() : { teamId: team.teamId }),
        redirectUrl,
      });
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 400,
        code: 'redirect-not-allowed',
      });
    }
  });

  it('should refuse a link for another team (404) and a lifetime above the maximum', async () => {
    const other = await createTeam(system.api, 'Other');
    const key = await system.api.post<{ key: string }>('/api/v1/api-key', {
      teamId: other.teamId,
      scopes: ['accounts:read', 'accounts:write'],
    });
    const res = await system.api
      .withKey(key.body.key)
      .post<{ code: string }>('/api/v1/social-account/create-portal-link', portalBody());
    expect(res.status).toBe(404);
    const tooLong = await system.api.post<{ code: string }>(
      '/api/v1/social-account/create-portal-link',
      portalBody({ expiresInSeconds: 48 * 3600 + 1 }),
    );
    expect(tooLong.status).toBe(400);
    const longest = await system.api.post<Link>(
      '/api/v1/social-account/create-portal-link',
      portalBody({ expiresInSeconds: 48 * 3600 }),
    );
    expect(longest.status).toBe(201);
    const hours = (new Date(longest.body.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(47.9);
    const unknown = await system.api.post<{ code: string }>(
      '/api/v1/social-account/create-portal-link',
      portalBody({ colour: 'red' }),
    );
    expect(unknown.status).toBe(400);
  });

  it('should expire portal links after 10 minutes by default', async () => {
    const res = await system.api.post<Link>(
      '/api/v1/social-account/create-portal-link',
      portalBody(),
    );
    const minutes = (new Date(res.body.expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9.5);
    expect(minutes).toBeLessThanOrEqual(10);
  });

  describe.each([
    ['portal', 'create-portal-link', 'portal', '/portal'],
    ['accounts page', 'create-accounts-page-link', 'accounts-page', '/accounts-page'],
  ])('%s links', (_name, route, purpose, path) => {
    async function link(extra: Record<string, unknown> = {}): Promise<string> {
      const body =
        route === 'create-portal-link' ? portalBody(extra) : { teamId: team.teamId, ...extra };
      const res = await system.api.post<Link>(`/api/v1/social-account/${route}`, body);
      expect(res.status).toBe(201);
      expect(res.body.url.startsWith(`${system.gatewayUrl}${path}?t=`)).toBe(true);
      return res.body.url;
    }

    it('should open while valid, in the language asked for', async () => {
      const url = await link({ language: 'pl' });
      const res = await page(url);
      expect(res.status).toBe(200);
      expect(res.body).toMatch(/<html lang="pl">/);
    });

    it('should refuse an expired link with a clear page (410), in the link language', async () => {
      const url = await link({ language: 'de' });
      const expired = signLink(
        system.portalSigningSecret,
        purpose,
        { id: idOf(url) },
        new Date(Date.now() - 1000),
      );
      const res = await page(`${system.gatewayUrl}${path}?t=${encodeURIComponent(expired)}`);
      expect(res.status).toBe(410);
      expect(res.body).toMatch(/<html lang="de">/);
      expect(res.body).toContain('Dieser Link ist abgelaufen');
    });

    it('should refuse tampered, truncated, missing and cross-purpose links (400)', async () => {
      const url = await link();
      const token = tokenOf(url);
      const [payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      const stretched = Buffer.from(
        JSON.stringify({ ...claims, exp: (claims.exp as number) + 86_400 }),
      ).toString('base64url');
      const otherPurpose = purpose === 'portal' ? 'accounts-page' : 'portal';
      const variants = [
        `${stretched}.${signature}`,
        `${payload}.${signature.slice(0, -2)}`,
        payload,
        '',
        signLink(
          system.portalSigningSecret,
          otherPurpose,
          { id: claims.id },
          new Date(Date.now() + 60_000),
        ),
        signLink(
          'another-deployment-secret-of-32-chars!!',
          purpose,
          { id: claims.id },
          new Date(Date.now() + 60_000),
        ),
      ];
      for (const t of variants) {
        const res = await page(`${system.gatewayUrl}${path}?t=${encodeURIComponent(t)}`, {
          'accept-language': 'fr-FR,fr;q=0.9',
        });
        expect({ t, status: res.status }).toEqual({ t, status: 400 });
        expect(res.body).toContain('Ce lien ne fonctionne pas');
      }
    });
  });

  it('should refuse form posts without the page token or from another site (403)', async () => {
    const url = await portalLink();
    const opened = await fetch(url);
    const cookie = opened.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const html = await opened.text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1];
    const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${system.gatewayUrl}/portal/connect`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
        body: new URLSearchParams(fields).toString(),
      });
    const t = tokenOf(url);
    expect((await post({ t, type: 'FACEBOOK' })).status).toBe(403);
    expect((await post({ t, type: 'FACEBOOK', csrf: `${csrf}x` })).status).toBe(403);
    expect((await post({ t, type: 'FACEBOOK', csrf }, { origin: 'https://evil.com' })).status).toBe(
      403,
    );
    expect(
      (await post({ t, type: 'FACEBOOK', csrf }, { 'sec-fetch-site': 'cross-site' })).status,
    ).toBe(403);
    // a platform the link does not offer
    expect((await post({ t, type: 'TWITTER', csrf })).status).toBe(400);
    // the real thing: 303 into the connect flow
    const ok = await post({ t, type: 'FACEBOOK', csrf }, { origin: system.gatewayUrl });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toContain('/api/v1/social-account/flow/');
  });

  it('should enforce maxSocialAccountsConnected across the link uses (limit-reached page)', async () => {
    const url = await portalLink({ maxSocialAccountsConnected: 1 });
    const opened = await fetch(url);
    const cookie = opened.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const csrf = /name="csrf" value="([^"]+)"/.exec(await opened.text())![1];
    const connect = () =>
      fetch(`${system.gatewayUrl}/portal/connect`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ t: tokenOf(url), csrf, type: 'FACEBOOK' }).toString(),
      });
    expect((await connect()).status).toBe(303);
    const second = await connect();
    expect(second.status).toBe(200);
    const body = await second.text();
    expect(body).toContain('data-outcome="limit-reached"');
    expect(body).toContain('facebook-limit-reached');
    const again = await page(url);
    expect(again.body).toContain('This link has already connected as many accounts as it allows.');
  });

  it('should pick the language: ?lang, then the link, then Accept-Language, then English', async () => {
    const plain = await portalLink();
    expect((await page(plain, { 'accept-language': 'tr-TR,tr;q=0.9,en;q=0.5' })).body).toMatch(
      /<html lang="tr">/,
    );
    expect((await page(plain, { 'accept-language': 'xx' })).body).toMatch(/<html lang="en">/);
    expect((await page(`${plain}&lang=zh`, { 'accept-language': 'tr' })).body).toMatch(
      /<html lang="zh">/,
    );
    const polish = await portalLink({ language: 'pl' });
    expect((await page(polish, { 'accept-language': 'tr' })).body).toMatch(/<html lang="pl">/);
  });

  it('should document both link routes in OpenAPI', async () => {
    const doc = (await (await fetch(`${system.gatewayUrl}/docs/json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/social-account/create-portal-link',
        '/api/v1/social-account/create-accounts-page-link',
      ]),
    );
  });
});

import { findSecrets } from '@switchboard/testing';
import { FlowBrowser, withConsent } from './support/browser';
import { createTeam, PRODUCT_ORIGIN, type TeamFixture } from './support/flows';
import { System } from './support/system';

/**
 * Bad callbacks — no state, a reused state, a state from another browser, a code meant for
 * another platform, huge or garbled parameters — end in the documented parameter, store nothing
 * and log no secret.
 */
describe('callback: bad input', () => {
  const system = new System();
  let team: TeamFixture;

  beforeAll(async () => {
    await system.start();
    team = await createTeam(system.api);
  }, 180_000);

  afterAll(() => system.stop());

  const listed = async () =>
    (await system.api.get<{ items: unknown[] }>(`/api/v1/social-account?teamId=${team.teamId}`))
      .body.items.length;

  /** Starts a flow in `browser` and returns the callback URL the platform would redirect to. */
  async function callbackUrlFor(browser: FlowBrowser, user = 'dave'): Promise<string> {
    const started = await system.api.post<{ url: string }>('/api/v1/social-account/connect', {
      teamId: team.teamId,
      type: 'TWITTER',
      redirectUrl: team.redirectUrl,
    });
    const launch = await fetch(started.body.url, {
      redirect: 'manual',
      headers: browser.cookieHeaderFor(started.body.url),
    });
    browser.remember(started.body.url, launch.headers.getSetCookie());
    const consent = await fetch(withConsent(launch.headers.get('location')!, user), {
      redirect: 'manual',
    });
    return consent.headers.get('location')!;
  }

  const newBrowser = () => new FlowBrowser((u) => u.origin === PRODUCT_ORIGIN);

  it('should answer invalid-state when the state is missing', async () => {
    const browser = newBrowser();
    const cb = new URL(await callbackUrlFor(browser));
    cb.searchParams.delete('state');
    const landed = new URL((await browser.open(cb.toString())).finalUrl);
    expect(landed.searchParams.has('twitter-invalid-state')).toBe(true);
  });

  it('should answer invalid-state when the state is reused', async () => {
    const browser = newBrowser();
    const cb = await callbackUrlFor(browser, 'erin');
    const first = new URL((await browser.open(cb)).finalUrl);
    expect(first.searchParams.get('twitter-callback')).toBe('success');
    const before = await listed();
    const again = new URL((await browser.open(cb)).finalUrl);
    expect(again.searchParams.has('twitter-invalid-state')).toBe(true);
    expect(await listed()).toBe(before);
  });

  it('should answer invalid-state when the callback arrives in another browser', async () => {
    const victim = newBrowser();
    const cb = await callbackUrlFor(victim, 'frank');
    const before = await listed();
    const attacker = newBrowser();
    const landed = new URL((await attacker.open(cb)).finalUrl);
    expect(landed.searchParams.has('twitter-invalid-state')).toBe(true);
    expect(await listed()).toBe(before);
  });

  it('should answer invalid-state for a code meant for another platform', async () => {
    const browser = newBrowser();
    const cb = new URL(await callbackUrlFor(browser, 'gina'));
    cb.pathname = cb.pathname.replace(/\/twitter$/, '/facebook');
    const before = await listed();
    const landed = new URL((await browser.open(cb.toString())).finalUrl);
    expect(landed.searchParams.has('twitter-invalid-state')).toBe(true);
    expect(await listed()).toBe(before);
  });

  it.each([
    ['a huge state', (u: URL) => u.searchParams.set('state', 'x'.repeat(20_000))],
    ['a repeated state', (u: URL) => u.searchParams.append('state', 'another')],
    ['garbled bytes', (u: URL) => u.searchParams.set('code', '%ff%fe\u0000<script>')],
  ])('should answer invalid-state for %s and store nothing', async (_name, mangle) => {
    const browser = newBrowser();
    const cb = new URL(await callbackUrlFor(browser, 'hank'));
    mangle(cb);
    const before = await listed();
    const result = await browser.open(cb.toString());
    if (result.status === 0) {
      const landed = new URL(result.finalUrl);
      expect(
        [...landed.searchParams.keys()].some(
          (k) => k === 'twitter-invalid-state' || k === 'twitter-callback',
        ),
      ).toBe(true);
      expect(landed.searchParams.get('twitter-callback')).not.toBe('success');
    } else {
      expect(result.status).toBeGreaterThanOrEqual(400);
      expect(result.status).toBeLessThan(500);
    }
    expect(await listed()).toBe(before);
  });

  it('should answer a plain 400 page for an unknown platform and a callback with no flow at all', async () => {
    const res = await fetch(
      `${system.gatewayUrl}/api/v1/social-account/callback/not-a-platform?code=abc&state=def`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const orphan = await fetch(
      `${system.gatewayUrl}/api/v1/social-account/callback/twitter?code=abc&state=def`,
      { redirect: 'manual' },
    );
    expect(orphan.status).toBe(400);
    expect(await orphan.text()).toContain('invalid or has expired');
  });

  it('should answer twitter-denied when the user presses Cancel', async () => {
    const browser = newBrowser();
    const started = await system.api.post<{ url: string }>('/api/v1/social-account/connect', {
      teamId: team.teamId,
      type: 'TWITTER',
      redirectUrl: team.redirectUrl,
    });
    const launch = await fetch(started.body.url, { redirect: 'manual' });
    browser.remember(started.body.url, launch.headers.getSetCookie());
    const landed = new URL(
      (await browser.open(withConsent(launch.headers.get('location')!, 'ivan', 'deny'))).finalUrl,
    );
    expect(landed.searchParams.has('twitter-denied')).toBe(true);
  });

  it('should answer not-enough-permissions with the missing scopes when one is unticked', async () => {
    const browser = newBrowser();
    const started = await system.api.post<{ url: string }>('/api/v1/social-account/connect', {
      teamId: team.teamId,
      type: 'TWITTER',
      redirectUrl: team.redirectUrl,
    });
    const launch = await fetch(started.body.url, { redirect: 'manual' });
    browser.remember(started.body.url, launch.headers.getSetCookie());
    const landed = new URL(
      (
        await browser.open(
          withConsent(launch.headers.get('location')!, 'judy', 'drop-scopes:offline.access'),
        )
      ).finalUrl,
    );
    expect(landed.searchParams.has('twitter-not-enough-permissions')).toBe(true);
    expect(landed.searchParams.get('missing')).toBe('offline.access');
  });

  it('should refuse a connect link opened twice', async () => {
    const started = await system.api.post<{ url: string }>('/api/v1/social-account/connect', {
      teamId: team.teamId,
      type: 'TWITTER',
      redirectUrl: team.redirectUrl,
    });
    expect((await fetch(started.body.url, { redirect: 'manual' })).status).toBe(302);
    const second = await fetch(started.body.url, { redirect: 'manual' });
    expect(second.status).toBe(400);
    expect(((await second.json()) as { code: string }).code).toBe('invalid-state');
  });

  it('should not log any code or state it was sent', () => {
    const lines = system.allLines();
    const urls = lines.join('\n');
    expect(urls).not.toMatch(/sbx_ac_[A-Za-z0-9_-]{10,}/);
    expect(findSecrets(lines, ['x'.repeat(20_000)])).toEqual([]);
  });
});

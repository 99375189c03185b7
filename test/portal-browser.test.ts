import { waitFor } from '@switchboard/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/chromium';
import { createTeam, PRODUCT_ORIGIN, type TeamFixture } from './support/flows';
import { System } from './support/system';

interface Account {
  id: string;
  type: string;
  status: string;
  memberId: string | null;
  endUserId: string | null;
  metadata: Record<string, unknown>;
  displayName: string;
}

/**
 * The hosted pages in a real browser (Debian's Chromium through playwright-core): the portal in
 * English and German, a sandbox Facebook Page connected through it, then the accounts page
 * following the account live — Active, Expired when Meta revokes the grant (with the notice),
 * Active again after Reconnect, with the same id. Screenshots go to artifacts/screenshots/.
 */
describe('hosted portal and accounts page in Chromium', () => {
  const system = new System();
  let team: TeamFixture;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let accountId: string;

  beforeAll(async () => {
    await system.start();
    team = await createTeam(system.api, 'Browser team');
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system.stop();
  });

  async function portalUrl(): Promise<string> {
    const res = await system.api.post<{ url: string }>(
      '/api/v1/social-account/create-portal-link',
      {
        teamId: team.teamId,
        redirectUrl: `${PRODUCT_ORIGIN}/connected`,
        socialAccountTypes: [
          'FACEBOOK',
          'INSTAGRAM',
          'LINKEDIN_PAGE',
          'PINTEREST',
          'TIKTOK_BUSINESS',
        ],
        userName: 'Ada <Lovelace>',
        goBackButtonText: 'Back to Example',
        showModalOnConnectSuccess: true,
        memberId: team.memberId,
        endUserId: 'end-user-42',
        metadata: { plan: 'pro' },
      },
    );
    expect(res.status).toBe(201);
    return res.body.url;
  }

  /** The sandbox's consent page (no `sandbox_user`): sign in as `user` and approve. */
  async function approveAtSandbox(user: string): Promise<void> {
    await page
      .waitForURL((url) => url.origin === system.sandbox.url, { timeout: 30_000 })
      .catch(async (error: unknown) => {
        await screenshot(page, 'failed-before-consent');
        throw new Error(
          `not at the sandbox but ${page.url()}: ${(await page.content()).slice(0, 1500)}`,
          {
            cause: error,
          },
        );
      });
    await page.getByLabel('Sign in as').fill(user);
    await page.getByRole('button', { name: 'Approve' }).click();
  }

  it('shows the portal in English, with what each platform requires', async () => {
    await page.goto(await portalUrl());
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Connect your accounts',
    );
    const facebook = page.locator('[data-platform="FACEBOOK"]');
    await expect(facebook.textContent()).resolves.toContain(
      'Facebook connects Pages, not personal profiles',
    );
    await expect(page.locator('[data-platform="INSTAGRAM"]').textContent()).resolves.toContain(
      'linked to a Facebook Page',
    );
    await expect(page.locator('[data-platform="PINTEREST"]').textContent()).resolves.toContain(
      'Business account',
    );
    await expect(
      page.locator('[data-platform="TIKTOK_BUSINESS"]').textContent(),
    ).resolves.toContain('separate from a regular TikTok account');
    await expect(page.locator('[data-platform="LINKEDIN_PAGE"]').textContent()).resolves.toContain(
      'administrator of the organization',
    );
    // the user's name is shown as text, never as markup
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('Ada <Lovelace>');
    await expect(page.getByTestId('back').textContent()).resolves.toBe('Back to Example');
    // the Connect button is labelled and described by the requirement
    const button = page.getByRole('button', { name: 'Connect Facebook' });
    expect(await button.getAttribute('aria-describedby')).toBe('req-FACEBOOK');
    await screenshot(page, 'portal-en');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'portal-en-phone');
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it('switches to German with the language switcher', async () => {
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('button', { name: 'Change' }).click();
    await page.waitForURL(/lang=de/);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Verbinden Sie Ihre Konten',
    );
    await expect(page.locator('[data-platform="FACEBOOK"]').textContent()).resolves.toContain(
      'Facebook verbindet Seiten, keine privaten Profile',
    );
    await screenshot(page, 'portal-de');
    await page.getByLabel('Sprache').selectOption('en');
    await page.getByRole('button', { name: 'Wechseln' }).click();
    await page.waitForURL(/lang=en/);
  });

  it('connects a sandbox Facebook Page through the portal and shows the success modal', async () => {
    await page.getByRole('button', { name: 'Connect Facebook' }).click();
    await approveAtSandbox('alice');
    // back on the portal: the channel-selection page it renders itself
    await page.waitForURL(/\/portal\/return\//);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Choose what to connect',
    );
    const choices = page.locator('.choices li');
    await expect(choices.allTextContents()).resolves.toEqual([
      expect.stringContaining("alice's Page"),
      expect.stringContaining('Cannot be connected'),
    ]);
    // Facebook lets several Pages be chosen at once: check boxes
    await page.locator('input[name="channelId"]').first().check();
    await expect(page.locator('input[name="channelId"]').nth(1).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'portal-select-page');
    await page.getByTestId('select-submit').click();
    const modal = page.getByTestId('success-modal');
    await modal.waitFor({ state: 'visible' });
    await expect(modal.textContent()).resolves.toContain('Do you want to connect another account');
    await expect(page.getByTestId('modal-back').getAttribute('href')).resolves.toBe(
      `${PRODUCT_ORIGIN}/connected?facebook-callback=success`,
    );
    await screenshot(page, 'portal-success-modal');

    const listed = await system.api.get<{ items: Account[] }>(
      `/api/v1/social-account?teamId=${team.teamId}`,
    );
    const [account] = listed.body.items;
    expect(listed.body.items).toHaveLength(1);
    expect(account).toMatchObject({
      type: 'FACEBOOK',
      status: 'ACTIVE',
      displayName: "alice's Page",
      memberId: team.memberId,
      endUserId: 'end-user-42',
      metadata: { plan: 'pro' },
    });
    accountId = account.id;
  });

  it('shows the account Active on the accounts page, Expired live when Meta revokes it, with the reason and the notice', async () => {
    const res = await system.api.post<{ url: string }>(
      '/api/v1/social-account/create-accounts-page-link',
      { teamId: team.teamId, memberId: team.memberId, userName: 'Ada', expiresInSeconds: 3600 },
    );
    expect(res.status).toBe(201);
    await page.goto(res.body.url);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const card = page.locator(`[data-account="${accountId}"]`);
    await expect(card.getByTestId('status').textContent()).resolves.toBe('Active');
    await screenshot(page, 'accounts-active');

    // the user removes the app on Facebook: the sandbox revokes the grant and Meta calls back
    const pushed = await fetch(`${system.sandbox.url}/_sandbox/meta/deauthorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'FACEBOOK',
        user: 'alice',
        callbackUrl: `${system.gatewayUrl}/api/v1/platform/facebook/deauthorize`,
      }),
    });
    expect(pushed.status).toBe(200);
    // no reload: the page follows its live stream
    await page
      .locator(`[data-account="${accountId}"][data-status="EXPIRED"]`)
      .waitFor({ timeout: 30_000 });
    await expect(card.getByTestId('status').textContent()).resolves.toBe('Expired');
    // the notice, in plain words, on the account itself
    await expect(card.getByTestId('reason').textContent()).resolves.toBe(
      'Access was withdrawn on Facebook. Reconnect to use this account again.',
    );
    // …and the in-app notice the notifier wrote about it, streamed in without a reload
    const notice = page.locator('[data-notice].error', { hasText: 'withdrawn' });
    await notice.first().waitFor({ timeout: 30_000 });
    await expect(notice.first().textContent()).resolves.toContain('Facebook');
    await screenshot(page, 'accounts-expired-live');
  });

  it('brings the account back to Active with Reconnect, keeping its id', async () => {
    await page.locator(`[data-account="${accountId}"] [data-action="reconnect"]`).click();
    await approveAtSandbox('alice');
    await page.waitForURL(/\/accounts-page\?.*done=reconnected/);
    await expect(page.getByTestId('flash').textContent()).resolves.toContain(
      "alice's Page is connected again.",
    );
    const card = page.locator(`[data-account="${accountId}"]`);
    await expect(card.getByTestId('status').textContent()).resolves.toBe('Active');
    await screenshot(page, 'accounts-reconnected');
    const account = await waitFor(
      async () => {
        const res = await system.api.get<Account>(`/api/v1/social-account/${accountId}`);
        return res.body.status === 'ACTIVE' ? res.body : undefined;
      },
      { timeoutMs: 10_000, what: 'the account to be ACTIVE again' },
    );
    expect(account.id).toBe(accountId);
  });

  it('asks before disconnecting, then disconnects', async () => {
    await page.locator(`[data-account="${accountId}"] [data-action="disconnect"]`).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      "Disconnect alice's Page?",
    );
    await screenshot(page, 'accounts-confirm-disconnect');
    await page.locator('[data-action="confirm-disconnect"]').click();
    await expect(page.getByTestId('flash').textContent()).resolves.toContain(
      "alice's Page was disconnected.",
    );
    const res = await system.api.get<Account>(`/api/v1/social-account/${accountId}`);
    expect(res.body.status).toBe('DISCONNECTED');
  });
});

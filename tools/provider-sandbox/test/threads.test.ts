import type { ProviderAdapter } from '@switchboard/providers';

import { AdapterHarness, providerFailure } from './support/adapter-harness';
import { longLivedScenarios } from './support/long-lived-scenarios';

/** The THREADS adapter against the sandbox. */
describe('THREADS against the sandbox', () => {
  let sandbox: AdapterHarness;
  let threads: ProviderAdapter;

  beforeAll(async () => {
    sandbox = await AdapterHarness.start();
    threads = sandbox.adapter('THREADS');
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  longLivedScenarios(
    {
      type: 'THREADS',
      basicScope: 'threads_basic',
      optionalScope: 'threads_content_publish',
      exchangeGrant: 'th_exchange_token',
      refreshGrant: 'th_refresh_token',
      reportsGrantedScopes: false,
    },
    () => sandbox,
    () => threads,
  );

  describe("a private profile's 90-day permission grant", () => {
    const DAY = 86_400;

    beforeEach(async () => {
      // Tokens live 2 days here, the private grant 3 days (`refreshTtlSeconds`).
      await sandbox.control('POST', '/ttl', {
        type: 'THREADS',
        accessTtlSeconds: 2 * DAY,
        refreshTtlSeconds: 3 * DAY,
      });
    });

    it('a public profile refreshes to the full lifetime, and stays refreshable', async () => {
      const tokens = await sandbox.connect(threads, 'alice');
      await sandbox.control('POST', '/age', { type: 'THREADS', user: 'alice', hours: 36 });
      const next = await threads.refresh({
        refreshToken: tokens.refreshToken!,
        scopes: tokens.scopes,
      });
      expect(next.expiresAt!.getTime() - Date.now()).toBeGreaterThan(2 * DAY * 1000 - 5000);
      expect(threads.refreshable(next)).toBe(true);
    });

    it('a private profile’s refresh is cut at the end of its grant: no longer refreshable → expiry warnings', async () => {
      const tokens = await sandbox.connect(threads, 'private-pia');
      await sandbox.control('POST', '/age', { type: 'THREADS', user: 'private-pia', hours: 36 });

      const next = await threads.refresh({
        refreshToken: tokens.refreshToken!,
        scopes: tokens.scopes,
      });

      // The grant ends 3 days after consent, which counts as 36 hours ago: 36 hours are left.
      const left = next.expiresAt!.getTime() - Date.now();
      expect(left).toBeGreaterThan(36 * 3600 * 1000 - 5000);
      expect(left).toBeLessThanOrEqual(36 * 3600 * 1000);
      expect(next.refreshExpiresAt!.getTime()).toBeLessThanOrEqual(Date.now());
      expect(threads.refreshable(next)).toBe(false);
    });

    it('once the grant is over, the person must grant access again (reauth_required)', async () => {
      const tokens = await sandbox.connect(threads, 'private-pia');
      await sandbox.control('POST', '/age', { type: 'THREADS', user: 'private-pia', hours: 73 });
      expect(
        await providerFailure(threads.refresh({ refreshToken: tokens.refreshToken!, scopes: [] })),
      ).toMatchObject({ kind: 'reauth_required', providerCode: '190/463' });
    });
  });
});

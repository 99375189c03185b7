import type { ProviderAdapter } from '@switchboard/providers';

import { AdapterHarness, providerFailure } from './support/adapter-harness';
import { longLivedScenarios } from './support/long-lived-scenarios';

/** The INSTAGRAM_LOGIN adapter (Instagram API with Instagram Login) against the sandbox. */
describe('INSTAGRAM_LOGIN against the sandbox', () => {
  let sandbox: AdapterHarness;
  let instagram: ProviderAdapter;

  beforeAll(async () => {
    sandbox = await AdapterHarness.start();
    instagram = sandbox.adapter('INSTAGRAM_LOGIN');
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  longLivedScenarios(
    {
      type: 'INSTAGRAM_LOGIN',
      basicScope: 'instagram_business_basic',
      optionalScope: 'instagram_business_content_publish',
      exchangeGrant: 'ig_exchange_token',
      refreshGrant: 'ig_refresh_token',
      reportsGrantedScopes: true,
    },
    () => sandbox,
    () => instagram,
  );

  it('the account is the professional one; its id is in extra from the exchange', async () => {
    const tokens = await sandbox.connect(instagram, 'alice');
    const identity = await instagram.identify(tokens);
    expect(identity).toMatchObject({ displayName: 'Alice' });
    expect(tokens.extra).toEqual({ userId: identity.externalId });
    expect(tokens.scopes).toEqual([
      'instagram_business_basic',
      'instagram_business_content_publish',
    ]);
  });

  it('a personal account is refused with "No Instagram Business account linked"', async () => {
    const tokens = await sandbox.connect(instagram, 'personal-pat');
    const error = await providerFailure(instagram.identify(tokens));
    expect(error).toMatchObject({ kind: 'permission_lost', providerCode: 'personal-account' });
    expect(error.message).toContain('No Instagram Business account linked');
    expect(error.message).toContain('@personal_pat');
  });
});

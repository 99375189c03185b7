import { findSecrets, waitFor } from '@switchboard/testing';
import { connectAccount, createTeam, type TeamFixture } from './support/flows';
import { SecretCollector } from './support/secrets';
import { System } from './support/system';

interface Account {
  id: string;
  type: string;
  externalId: string;
  displayName: string;
  status: string;
  expiresAt: string | null;
  lastRefreshedAt: string | null;
}

interface Candidate {
  id: string;
  name: string;
  avatarUrl: string | null;
  eligible: boolean;
  detail: string | null;
}

interface Case {
  type: string;
  /** The API.md redirect prefix (`<type>` lower-case, `_` → `-`). */
  prefix: string;
  /** Where a channel must be chosen: the detail its candidate shows. */
  detail: RegExp | null;
  /** The parameter for a user with nothing to choose. */
  noChannels: string | null;
  /** The platform sends a refresh token the scheduler can use. */
  refreshes: boolean;
  /** `extra` keys the token route must return. */
  extra: string[];
  /** A required scope to untick. */
  required: string;
}

const CASES: Case[] = [
  {
    type: 'LINKEDIN',
    prefix: 'linkedin',
    detail: null,
    noChannels: null,
    refreshes: false,
    extra: [],
    required: 'profile',
  },
  {
    type: 'LINKEDIN_PAGE',
    prefix: 'linkedin-page',
    detail: /^linkedin\.com\/company\/.+ · Administrator$/,
    noChannels: 'linkedin-page-not-enough-channels',
    refreshes: true,
    extra: ['organizationUrn', 'organizationId'],
    required: 'rw_organization_admin',
  },
  {
    type: 'TIKTOK',
    prefix: 'tiktok',
    detail: null,
    noChannels: null,
    refreshes: true,
    extra: ['open_id'],
    required: 'user.info.basic',
  },
  {
    type: 'TIKTOK_BUSINESS',
    prefix: 'tiktok-business',
    detail: null,
    noChannels: null,
    refreshes: true,
    extra: ['open_id'],
    required: 'user.info.basic',
  },
  {
    type: 'YOUTUBE',
    prefix: 'youtube',
    detail: /^@\w+ · [\d,]+ subscribers?$/,
    noChannels: 'youtube-not-enough-channels',
    refreshes: true,
    extra: ['channelId'],
    required: 'https://www.googleapis.com/auth/youtube.readonly',
  },
  {
    type: 'GOOGLE_BUSINESS',
    prefix: 'google-business',
    detail: /^\d+ (Market|Main) Street, \w+, IL \d{5}, US$/,
    noChannels: 'google-business-not-enough-locations',
    refreshes: true,
    extra: ['accountName', 'locationName', 'locationPath'],
    required: 'https://www.googleapis.com/auth/business.manage',
  },
];

/**
 * LinkedIn (profile and Page), TikTok, TikTok Business, YouTube and Google Business through the
 * five running services and the sandbox: connect → choose the channel where there is one →
 * refresh ahead of expiry → disconnect (revoked at the platform), and every callback parameter
 * these platforms can produce.
 */
describe('platforms: LinkedIn, TikTok and Google through the running services', () => {
  const system = new System();
  let team: TeamFixture;
  let secrets: SecretCollector;
  const connected = new Map<string, Account>();

  beforeAll(async () => {
    await system.start();
    secrets = new SecretCollector(system.databaseUrl, system.keyringFile);
    secrets.add(system.adminKey);
    for (const { type, refreshes } of CASES) {
      if (refreshes) await system.sandbox.ttl(type, 8);
    }
    team = await createTeam(system.api, 'Platforms team');
  }, 180_000);

  afterAll(() => system.stop());

  const accounts = async () =>
    (await system.api.get<{ items: Account[] }>(`/api/v1/social-account?teamId=${team.teamId}`))
      .body.items;

  async function connect(type: string, user: string, action = 'approve'): Promise<URL> {
    const { landedOn, visited } = await connectAccount(system.api, team, {
      type,
      user,
      action,
      atProvider: () => secrets.pendingVerifiers(),
    });
    visited.forEach((url) => secrets.fromUrl(url));
    return landedOn;
  }

  describe.each(CASES)('$type', (platform) => {
    it('connects, choosing the channel where the platform has them', async () => {
      const landed = await connect(platform.type, 'alice');
      let account: Account;
      if (platform.detail === null) {
        expect(Object.fromEntries(landed.searchParams)).toEqual({
          [`${platform.prefix}-callback`]: 'success',
        });
        const listed = (await accounts()).find((a) => a.type === platform.type);
        expect(listed).toBeDefined();
        account = listed!;
      } else {
        const selectionId = landed.searchParams.get(`${platform.prefix}-select-channel`);
        expect(selectionId).toMatch(/^[0-9a-f-]{36}$/);
        const selection = await system.api.get<{
          type: string;
          expiresAt: string;
          candidates: Candidate[];
        }>(`/api/v1/social-account/selection/${selectionId}`);
        expect(selection.status).toBe(200);
        expect(selection.body.type).toBe(platform.type);
        expect(new Date(selection.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
        expect(selection.body.candidates.length).toBeGreaterThanOrEqual(1);
        for (const candidate of selection.body.candidates) {
          expect(candidate).toMatchObject({
            eligible: true,
            detail: expect.stringMatching(platform.detail) as string,
          });
        }
        const chosen = selection.body.candidates[selection.body.candidates.length - 1];
        const done = await system.api.post<{ items: Account[] }>(
          `/api/v1/social-account/selection/${selectionId}`,
          { channelId: chosen.id },
        );
        expect(done.status).toBeLessThan(300);
        expect(done.body.items).toHaveLength(1);
        account = done.body.items[0]!;
        expect(account).toMatchObject({ externalId: chosen.id, displayName: chosen.name });
        expect((await accounts()).some((a) => a.id === account.id)).toBe(true);
      }
      expect(account).toMatchObject({ type: platform.type, status: 'ACTIVE' });
      connected.set(platform.type, account);
      await secrets.vaultTokens();
    });

    it('returns the token with what the platform needs beside it', async () => {
      const account = connected.get(platform.type)!;
      const token = await system.api.get<{
        accessToken: string;
        extra: Record<string, unknown>;
        refreshToken?: string;
      }>(`/api/v1/social-account/${account.id}/token`);
      expect(token.status).toBe(200);
      secrets.add(token.body.accessToken);
      expect(token.body.refreshToken).toBeUndefined();
      for (const key of platform.extra) expect(token.body.extra[key]).toBeDefined();
    });

    it(
      platform.refreshes
        ? 'refreshes ahead of expiry without reusing a refresh token'
        : 'has no refresh token: it is planned for expiry warnings, never refreshed',
      async () => {
        const account = connected.get(platform.type)!;
        if (platform.refreshes) {
          await waitFor(
            async () =>
              (await accounts()).find((a) => a.id === account.id)?.lastRefreshedAt ?? undefined,
            { timeoutMs: 30_000, what: `a ${platform.type} refresh` },
          );
          const stats = await system.sandbox.stats();
          expect(stats.tokenCalls[platform.type]?.['refresh_token']).toBeGreaterThanOrEqual(1);
          expect(stats.refreshTokenReuse).toBe(0);
        } else {
          const stats = await system.sandbox.stats();
          expect(stats.tokenCalls[platform.type]?.['refresh_token']).toBeUndefined();
          const listed = (await accounts()).find((a) => a.id === account.id)!;
          expect(new Date(listed.expiresAt!).getTime() - Date.now()).toBeGreaterThan(
            59 * 86_400_000,
          );
        }
        await secrets.vaultTokens();
      },
    );

    if (platform.type === 'GOOGLE_BUSINESS') {
      it('switches to the other branch of the same name without redoing OAuth', async () => {
        const account = connected.get(platform.type)!;
        const channels = await system.api.get<{ items: Candidate[] }>(
          `/api/v1/social-account/${account.id}/channels`,
        );
        expect(channels.status).toBe(200);
        const other = channels.body.items.find((c) => c.id !== account.externalId)!;
        expect(other.name).toBe(account.displayName);
        const switched = await system.api.request<Account>(
          'PUT',
          `/api/v1/social-account/${account.id}/channel`,
          { channelId: other.id },
        );
        expect(switched.status).toBe(200);
        expect(switched.body).toMatchObject({
          id: account.id,
          externalId: other.id,
          status: 'ACTIVE',
        });
        connected.set(platform.type, switched.body);
      });
    }

    it('disconnects: the grant is revoked at the platform', async () => {
      const account = connected.get(platform.type)!;
      const before = (await revokeCalls())[platform.type] ?? 0;
      const res = await system.api.request('DELETE', `/api/v1/social-account/${account.id}`);
      expect(res.status).toBe(204);
      const listed = (await accounts()).find((a) => a.id === account.id);
      expect(listed?.status).toBe('DISCONNECTED');
      await waitFor(
        async () => (((await revokeCalls())[platform.type] ?? 0) > before ? true : undefined),
        { timeoutMs: 15_000, what: `a ${platform.type} revocation` },
      );
    });

    it('says <type>-denied when the user presses Cancel', async () => {
      const landed = await connect(platform.type, 'alice', 'deny');
      expect([...landed.searchParams.keys()]).toEqual([`${platform.prefix}-denied`]);
    });

    it('says <type>-not-enough-permissions with the missing scope', async () => {
      const landed = await connect(platform.type, 'alice', `drop-scopes:${platform.required}`);
      expect(landed.searchParams.has(`${platform.prefix}-not-enough-permissions`)).toBe(true);
      expect(landed.searchParams.get('missing')).toBe(platform.required);
    });

    if (platform.noChannels !== null) {
      const param = platform.noChannels;
      it(`says ${param} when there is nothing to choose`, async () => {
        const landed = await connect(platform.type, 'empty-bob');
        expect([...landed.searchParams.keys()]).toEqual([param]);
      });
    }
  });

  async function revokeCalls(): Promise<Record<string, number>> {
    const res = await fetch(`${system.sandbox.url}/_sandbox/stats`);
    return ((await res.json()) as { revokeCalls: Record<string, number> }).revokeCalls;
  }

  it('never logs a token, code, state or verifier in any process', () => {
    expect(secrets.size).toBeGreaterThanOrEqual(20);
    expect(findSecrets(system.allLines(), secrets.list())).toEqual([]);
  });

  it('still has every process running', () => {
    expect(system.exited()).toEqual([]);
  });
});

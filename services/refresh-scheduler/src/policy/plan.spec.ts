import { planCredential, type CredentialFacts } from './plan';
import { PolicyTable } from './platform-policy';

const table = new PolicyTable();
const now = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const HOUR = 3600;
const DAY = 86_400;
const noJitter = () => 0;

function facts(over: Partial<CredentialFacts>): CredentialFacts {
  return {
    credentialVersion: 3,
    expiresAt: at(2 * HOUR),
    refreshable: true,
    refreshExpiresAt: null,
    issuedAt: now,
    ...over,
  };
}

const plan = (type: string, over: Partial<CredentialFacts>, random = noJitter) =>
  planCredential(table.for(type), facts(over), now, random);

describe('planCredential: lead time', () => {
  it('should refresh a 2-hour X token 15 minutes ahead (the ceiling)', () => {
    expect(plan('TWITTER', {})).toEqual({
      state: 'scheduled',
      nextDueAt: at(2 * HOUR - 900),
      ladder: null,
    });
  });

  it('should refresh a 10-minute token a quarter of its life ahead', () => {
    expect(plan('TWITTER', { expiresAt: at(600) }).nextDueAt).toEqual(at(450));
  });

  it('should keep a very short token alive for half its life (the floor never exceeds it)', () => {
    expect(plan('TWITTER', { expiresAt: at(30) }).nextDueAt).toEqual(at(15));
  });

  it('should add at most the jitter fraction, always earlier, never in the past', () => {
    expect(plan('TWITTER', {}, () => 1).nextDueAt).toEqual(at(2 * HOUR - 990));
    expect(plan('TWITTER', { expiresAt: at(-10) }, () => 0.5).nextDueAt).toEqual(now);
  });

  it('should refresh a 60-day LinkedIn token a week ahead', () => {
    expect(
      plan('LINKEDIN', { expiresAt: at(60 * DAY), refreshExpiresAt: at(300 * DAY) }).nextDueAt,
    ).toEqual(at(53 * DAY));
  });
});

describe('planCredential: platform rules', () => {
  it('should give Meta long-lived tokens an expiry ladder instead of refreshes', () => {
    expect(plan('FACEBOOK', { expiresAt: at(60 * DAY), refreshable: true })).toEqual({
      state: 'not_refreshable',
      nextDueAt: null,
      ladder: { cause: 'not_refreshable', targetAt: at(60 * DAY), generation: 'v3' },
    });
  });

  it('should plan nothing for a token that never expires (a Page token, a bot token)', () => {
    expect(plan('FACEBOOK', { expiresAt: null, refreshable: false })).toEqual({
      state: 'not_refreshable',
      nextDueAt: null,
      ladder: null,
    });
  });

  it('should warn about any credential the vault cannot refresh', () => {
    expect(plan('TWITTER', { refreshable: false }).ladder).toEqual({
      cause: 'not_refreshable',
      targetAt: at(2 * HOUR),
      generation: 'v3',
    });
  });

  it('should not refresh a Threads token before it is 24 hours old', () => {
    expect(plan('THREADS', { expiresAt: at(30 * HOUR) }).nextDueAt).toEqual(at(24 * HOUR));
    expect(plan('INSTAGRAM_LOGIN', { expiresAt: at(60 * DAY) }).nextDueAt).toEqual(at(53 * DAY));
  });

  it('should warn when a Threads token expires before it is old enough to refresh', () => {
    const p = plan('THREADS', { issuedAt: at(-2 * HOUR), expiresAt: at(20 * HOUR) });
    expect(p).toMatchObject({ state: 'not_refreshable', nextDueAt: null });
    expect(p.ladder?.cause).toBe('not_refreshable');
  });

  it('should put a ladder on the fixed end of a LinkedIn refresh token, counted per token', () => {
    const end = at(300 * DAY);
    expect(plan('LINKEDIN', { expiresAt: at(60 * DAY), refreshExpiresAt: end }).ladder).toEqual({
      cause: 'refresh_token_end_of_life',
      targetAt: end,
      generation: `rt:${end.toISOString()}`,
    });
  });

  it('should make the last refresh just before a refresh token ends', () => {
    const p = plan('LINKEDIN', { expiresAt: at(60 * DAY), refreshExpiresAt: at(10 * DAY) });
    expect(p.nextDueAt).toEqual(new Date(at(10 * DAY).getTime() - 1000));
  });

  it('should fall back to the ladder once the refresh token has ended', () => {
    const p = plan('LINKEDIN', { expiresAt: at(60 * DAY), refreshExpiresAt: at(-1) });
    expect(p).toMatchObject({ state: 'not_refreshable', nextDueAt: null });
    expect(p.ladder).toMatchObject({ cause: 'not_refreshable', targetAt: at(60 * DAY) });
  });

  it('should not put a ladder on sliding refresh tokens', () => {
    expect(plan('TWITTER', { refreshExpiresAt: at(180 * DAY) }).ladder).toBeNull();
  });
});

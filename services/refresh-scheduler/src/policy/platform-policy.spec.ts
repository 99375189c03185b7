import { PLATFORM_TYPES } from '@switchboard/contracts';
import {
  DEFAULT_POLICY,
  PlatformPolicySchema,
  PolicyOverridesSchema,
  PolicyTable,
} from './platform-policy';

describe('PolicyTable', () => {
  const table = new PolicyTable();

  it('should give every built-in platform and custom providers a valid policy', () => {
    for (const type of [...PLATFORM_TYPES, 'CUSTOM_OAUTH2:acme']) {
      expect(PlatformPolicySchema.safeParse(table.for(type)).success).toBe(true);
    }
    expect(table.for('CUSTOM_OAUTH2:acme')).toEqual(DEFAULT_POLICY);
  });

  it('should refresh X tokens a quarter of their life ahead, between 1 and 15 minutes', () => {
    expect(table.for('TWITTER')).toMatchObject({
      leadFraction: 0.25,
      leadFloorSeconds: 60,
      leadCeilingSeconds: 900,
      refresh: 'auto',
    });
  });

  it('should only warn about Meta long-lived tokens, never refresh them', () => {
    expect(table.for('FACEBOOK').refresh).toBe('never');
    expect(table.for('INSTAGRAM').refresh).toBe('never');
  });

  it('should refresh Threads and Instagram Login tokens only once they are 24 hours old', () => {
    expect(table.for('THREADS').minTokenAgeSeconds).toBe(86_400);
    expect(table.for('INSTAGRAM_LOGIN').minTokenAgeSeconds).toBe(86_400);
    expect(table.for('TWITTER').minTokenAgeSeconds).toBe(0);
  });

  it('should treat LinkedIn refresh tokens as ending on a fixed date', () => {
    expect(table.for('LINKEDIN').refreshTokenLifetime).toBe('fixed');
    expect(table.for('LINKEDIN_PAGE').refreshTokenLifetime).toBe('fixed');
    expect(table.for('TWITTER').refreshTokenLifetime).toBe('sliding');
  });

  it('should apply deployment overrides over the default and over a platform entry', () => {
    const overridden = new PolicyTable(
      PolicyOverridesSchema.parse({
        default: { leadFloorSeconds: 30 },
        TWITTER: { budget: { perSecond: 500, burst: 1000 } },
        LINKEDIN: { leadCeilingSeconds: 3600 },
      }),
    );
    expect(overridden.for('TWITTER')).toMatchObject({
      leadFloorSeconds: 30,
      budget: { perSecond: 500, burst: 1000 },
    });
    expect(overridden.for('LINKEDIN')).toMatchObject({
      leadCeilingSeconds: 3600,
      refreshTokenLifetime: 'fixed',
    });
    expect(overridden.for('GOOGLE_BUSINESS').leadFloorSeconds).toBe(30);
  });

  it('should refuse overrides that are not a policy', () => {
    expect(PolicyOverridesSchema.safeParse({ TWITTER: { leadFraction: 2 } }).success).toBe(false);
    expect(PolicyOverridesSchema.safeParse({ TWITTER: { surprise: 1 } }).success).toBe(false);
    expect(PolicyOverridesSchema.safeParse({ TWITTER: { budget: { perSecond: 5 } } }).success).toBe(
      false,
    );
  });
});

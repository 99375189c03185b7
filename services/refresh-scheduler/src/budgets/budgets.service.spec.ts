import type { Budget } from '../policy/platform-policy';
import { PolicyTable } from '../policy/platform-policy';
import { BudgetsService } from './budgets.service';
import type { Grant, RateBudgetRepository } from './rate-budget.repository';

/** Buckets in memory: `left` calls per key, never refilled. */
function fakeBuckets(left: Record<string, number>) {
  const refunds: [string, number][] = [];
  const buckets = {
    take: jest.fn((key: string, _budget: Budget, wanted: number): Promise<Grant> => {
      const granted = Math.min(wanted, left[key] ?? 0);
      left[key] = (left[key] ?? 0) - granted;
      return Promise.resolve({ granted, retryInMs: granted ? 0 : 250 });
    }),
    refund: jest.fn((key: string, _budget: Budget, count: number) => {
      refunds.push([key, count]);
      return Promise.resolve();
    }),
  };
  return { buckets: buckets as unknown as RateBudgetRepository, refunds, take: buckets.take };
}

const row = (app: string, dueSecondsAgo: number) => ({
  app_key: app,
  due_at: new Date(Date.now() - dueSecondsAgo * 1000),
});

const policies = new PolicyTable({ TWITTER: { budget: { perSecond: 10, burst: 10 } } });

describe('BudgetsService.admit', () => {
  it('should admit the oldest due rows first and leave the rest due', async () => {
    const { buckets } = fakeBuckets({ 'platform:TWITTER': 2 });
    const budgets = new BudgetsService(buckets, policies, {
      SCHEDULER_APP_BUDGET: { perSecond: 0, burst: 1 },
    });
    const rows = [row('default', 1), row('default', 30), row('default', 10)];
    const { allowed, denied } = await budgets.admit('TWITTER', rows);
    expect(allowed).toEqual([rows[1], rows[2]]);
    expect(denied).toEqual([rows[0]]);
    expect(budgets.platformWaitMs('TWITTER')).toBeGreaterThan(0);
  });

  it('should not touch a bucket for a platform without a budget', async () => {
    const { buckets, take } = fakeBuckets({});
    const budgets = new BudgetsService(
      buckets,
      new PolicyTable({ TWITTER: { budget: { perSecond: 0, burst: 1 } } }),
      { SCHEDULER_APP_BUDGET: { perSecond: 0, burst: 1 } },
    );
    const rows = [row('default', 1), row('default', 2)];
    expect((await budgets.admit('TWITTER', rows)).allowed).toHaveLength(2);
    expect(take).not.toHaveBeenCalled();
  });

  it("should hold back an app whose own budget is spent, refunding the platform's calls", async () => {
    const { buckets, refunds } = fakeBuckets({
      'platform:TWITTER': 10,
      'app:TWITTER/big': 1,
      'app:TWITTER/small': 5,
    });
    const budgets = new BudgetsService(buckets, policies, {
      SCHEDULER_APP_BUDGET: { perSecond: 2, burst: 2 },
    });
    const rows = [row('big', 5), row('big', 4), row('small', 3), row('big', 2)];
    const { allowed, denied } = await budgets.admit('TWITTER', rows);
    expect(allowed).toEqual([rows[0], rows[2]]);
    expect(denied).toEqual([rows[1], rows[3]]);
    expect(refunds).toEqual([['platform:TWITTER', 2]]);
    expect(budgets.spentAppsOf('TWITTER')).toEqual(['big']);
  });
});

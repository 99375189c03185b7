import { FaultPlan } from './faults';

describe('FaultPlan', () => {
  it('hands out queued faults in order, each `count` times, per platform', () => {
    const plan = new FaultPlan();
    plan.add('TWITTER', '500', 2);
    plan.add('TWITTER', '429', 1, 5);
    expect(plan.pending('TWITTER')).toBe(3);
    expect(plan.take('GENERIC')).toBeUndefined();
    expect(plan.take('TWITTER')).toEqual({ kind: '500', retryAfterSeconds: 60 });
    expect(plan.take('TWITTER')).toEqual({ kind: '500', retryAfterSeconds: 60 });
    expect(plan.take('TWITTER')).toEqual({ kind: '429', retryAfterSeconds: 5 });
    expect(plan.take('TWITTER')).toBeUndefined();
  });
});

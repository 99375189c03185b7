import { metricsRegistry } from '@switchboard/platform';
import { Counter, Histogram } from 'prom-client';

export const refreshAttempts = new Counter({
  name: 'scheduler_refresh_attempts_total',
  help: 'Refresh attempts, by platform and outcome',
  labelNames: ['platform', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const leaseTakeovers = new Counter({
  name: 'scheduler_lease_takeovers_total',
  help: 'Rows claimed whose previous lease had lapsed (a replica died or stalled)',
  registers: [metricsRegistry],
});

export const claimDuration = new Histogram({
  name: 'scheduler_claim_duration_seconds',
  help: 'Time to claim one batch of due rows',
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
  registers: [metricsRegistry],
});

import type { RefreshOutcome } from '@switchboard/contracts';
import { metricsRegistry } from '@switchboard/platform';
import { Counter, Gauge, Histogram } from 'prom-client';

export const refreshOutcomes = new Counter({
  name: 'scheduler_refresh_outcomes_total',
  help: 'Refresh attempts by platform, outcome and class (ok, rate_limited, server_error, unavailable, rejected, auth, permission)',
  labelNames: ['platform', 'outcome', 'class'] as const,
  registers: [metricsRegistry],
});

export const leaseTakeovers = new Counter({
  name: 'scheduler_lease_takeovers_total',
  help: 'Rows claimed whose previous lease had lapsed (a replica died or stalled)',
  labelNames: ['platform'] as const,
  registers: [metricsRegistry],
});

export const claimDuration = new Histogram({
  name: 'scheduler_claim_duration_seconds',
  help: 'Time to claim one batch of due rows',
  buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1],
  registers: [metricsRegistry],
});

export const budgetWaits = new Counter({
  name: 'scheduler_budget_waits_total',
  help: 'Claims cut short because a platform or app budget was spent (the rows stay due)',
  labelNames: ['budget'] as const,
  registers: [metricsRegistry],
});

export const expiryWarnings = new Counter({
  name: 'scheduler_expiry_warnings_total',
  help: 'TokenExpiring events published, by platform, cause and horizon (seconds)',
  labelNames: ['platform', 'cause', 'horizon'] as const,
  registers: [metricsRegistry],
});

export const inFlight = new Gauge({
  name: 'scheduler_refreshes_in_flight',
  help: 'Refreshes this replica is waiting on',
  registers: [metricsRegistry],
});

/** What kind of result an attempt had, for dashboards: finer than the outcome. */
export function outcomeClass(outcome: RefreshOutcome): string {
  switch (outcome.outcome) {
    case 'refreshed':
      return 'ok';
    case 'reauth_required':
      return 'auth';
    case 'permission_lost':
      return 'permission';
    case 'transient': {
      const status = outcome.providerStatus;
      if (status === 429) return 'rate_limited';
      if (status !== null && status >= 500) return 'server_error';
      if (status !== null && status >= 400) return 'rejected';
      return 'unavailable';
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { SCHEDULER_ENV, type SchedulerEnv } from '../config';
import { budgetWaits } from '../metrics/scheduler.metrics';
import { PolicyTable, type Budget } from '../policy/platform-policy';
import { RateBudgetRepository } from './rate-budget.repository';

interface Admissible {
  app_key: string;
  due_at: Date;
}

/**
 * Refresh budgets per platform and per developer app, shared by all replicas. Claimed rows are
 * admitted oldest first while the budgets last; the rest are handed back still due, for whoever
 * asks next, so a burst is spread over time and nothing is dropped. A spent budget is remembered
 * until it refills, so the replica skips that platform (or app) instead of claiming in vain.
 */
@Injectable()
export class BudgetsService {
  private readonly appBudget: Budget;
  /** `platform:<type>` or `app:<type>/<app>` → until when it is known to be spent (ms). */
  private readonly spent = new Map<string, number>();

  constructor(
    private readonly buckets: RateBudgetRepository,
    private readonly policies: PolicyTable,
    @Inject(SCHEDULER_ENV) env: Pick<SchedulerEnv, 'SCHEDULER_APP_BUDGET'>,
  ) {
    this.appBudget = env.SCHEDULER_APP_BUDGET;
  }

  /** How long the platform's budget is still known to be spent (0: try). */
  platformWaitMs(type: string): number {
    return Math.max(0, (this.spent.get(`platform:${type}`) ?? 0) - Date.now());
  }

  /** Apps of `type` whose budget is spent right now: the claim leaves their rows alone. */
  spentAppsOf(type: string): string[] {
    const now = Date.now();
    const prefix = `app:${type}/`;
    const apps: string[] = [];
    for (const [key, until] of this.spent) {
      if (until <= now) this.spent.delete(key);
      else if (key.startsWith(prefix)) apps.push(key.slice(prefix.length));
    }
    return apps;
  }

  /** Splits claimed rows into those the budgets allow now (oldest due first) and the rest. */
  async admit<R extends Admissible>(
    type: string,
    rows: R[],
  ): Promise<{ allowed: R[]; denied: R[] }> {
    if (rows.length === 0) return { allowed: [], denied: [] };
    const ordered = [...rows].sort((a, b) => a.due_at.getTime() - b.due_at.getTime());
    const budget = this.policies.for(type).budget;
    const granted = await this.take(`platform:${type}`, budget, ordered.length);
    const byPlatform = ordered.slice(0, granted);
    const denied = ordered.slice(granted);
    if (this.appBudget.perSecond <= 0) return { allowed: byPlatform, denied };

    const allowed: R[] = [];
    const byApp = new Map<string, R[]>();
    for (const row of byPlatform) byApp.set(row.app_key, [...(byApp.get(row.app_key) ?? []), row]);
    for (const [app, appRows] of byApp) {
      const appGranted = await this.take(`app:${type}/${app}`, this.appBudget, appRows.length);
      allowed.push(...appRows.slice(0, appGranted));
      denied.push(...appRows.slice(appGranted));
    }
    // calls the platform budget paid for but an app budget did not allow
    const unused = byPlatform.length - allowed.length;
    if (unused > 0) await this.buckets.refund(`platform:${type}`, budget, unused);
    return { allowed, denied };
  }

  private async take(key: string, budget: Budget, wanted: number): Promise<number> {
    if (budget.perSecond <= 0) return wanted;
    const grant = await this.buckets.take(key, budget, wanted);
    if (grant.granted < wanted) {
      budgetWaits.inc({ budget: key });
      const refillMs = Math.max(50, Math.ceil(1000 / budget.perSecond), grant.retryInMs);
      this.spent.set(key, Date.now() + refillMs);
    }
    return grant.granted;
  }
}

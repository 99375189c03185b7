import type { Clock } from './clock';
import { ClientRegistry } from './state/clients';
import { FaultPlan } from './state/faults';
import { GrantStore } from './state/grants';
import { LifetimeOverrides } from './state/lifetimes';
import { SandboxStats } from './state/stats';
import { UserStore } from './state/users';

/** All in-memory state of one sandbox; `reset()` returns it to a fresh start. */
export class SandboxState {
  readonly users: UserStore;
  readonly clients = new ClientRegistry();
  readonly grants: GrantStore;
  readonly lifetimes = new LifetimeOverrides();
  readonly faults = new FaultPlan();
  readonly stats = new SandboxStats();
  private originUrl = '';
  private readonly resetHooks: (() => void)[] = [];

  constructor(readonly clock: Clock) {
    this.users = new UserStore(clock, () => this.originUrl);
    this.grants = new GrantStore(clock);
  }

  /** The sandbox's own base URL, known once the HTTP server listens. */
  get origin(): string {
    return this.originUrl;
  }

  setOrigin(url: string): void {
    this.originUrl = url;
  }

  /** State a platform keeps beside the shared stores (Bluesky's sessions) is reset with them. */
  onReset(hook: () => void): void {
    this.resetHooks.push(hook);
  }

  reset(): void {
    for (const hook of this.resetHooks) hook();
    this.users.reset();
    this.clients.reset();
    this.grants.reset();
    this.lifetimes.reset();
    this.faults.reset();
    this.stats.reset();
  }
}

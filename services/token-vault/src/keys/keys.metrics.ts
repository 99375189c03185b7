import { metricsRegistry } from '@switchboard/platform';
import { Counter, Gauge } from 'prom-client';

export const rewrapped = new Counter({
  name: 'vault_rewrapped_total',
  help: 'Data keys re-wrapped under the active key-encryption key',
  registers: [metricsRegistry],
});

export const rewrapFailures = new Counter({
  name: 'vault_rewrap_failures_total',
  help: 'Sealed items whose data key could not be unwrapped during re-wrapping',
  registers: [metricsRegistry],
});

type UsageSource = () => Promise<{ kekId: string; state: string; items: number }[]>;
let source: UsageSource | null = null;

/** Rotation progress: per key, how many sealed items still use it (read at scrape time). */
new Gauge({
  name: 'vault_sealed_items',
  help: 'Sealed items (credentials, grants) whose data key each key-encryption key wraps',
  labelNames: ['kek_id', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    if (!source) return;
    this.reset();
    for (const u of await source()) this.set({ kek_id: u.kekId, state: u.state }, u.items);
  },
});

export function registerKeyUsage(fn: UsageSource): void {
  source = fn;
}

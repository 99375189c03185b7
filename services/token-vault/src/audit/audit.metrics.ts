import { metricsRegistry } from '@switchboard/platform';
import { Counter, Gauge } from 'prom-client';

export const auditWritten = new Counter({
  name: 'vault_decrypt_audit_written_total',
  help: 'Decrypt-audit entries written to PostgreSQL',
  registers: [metricsRegistry],
});

export const auditDropped = new Counter({
  name: 'vault_decrypt_audit_dropped_total',
  help: 'Decrypt-audit entries dropped because the buffer was full while PostgreSQL was unreachable',
  registers: [metricsRegistry],
});

let pending: () => number = () => 0;

/** Read at scrape time, so the read path never touches a metric. */
new Gauge({
  name: 'vault_decrypt_audit_pending',
  help: 'Decrypt-audit entries waiting in memory for the next batch write',
  registers: [metricsRegistry],
  collect() {
    this.set(pending());
  },
});

export function registerAuditPending(fn: () => number): void {
  pending = fn;
}

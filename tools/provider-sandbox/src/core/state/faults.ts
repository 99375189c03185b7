export const FAULT_KINDS = ['429', '500', 'invalid_grant', 'timeout', 'drop-response'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  readonly kind: FaultKind;
  readonly retryAfterSeconds: number;
}

interface QueuedFault extends Fault {
  remaining: number;
}

export const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** Faults queued per platform; each token call takes one, in the order they were added. */
export class FaultPlan {
  private readonly queues = new Map<string, QueuedFault[]>();

  add(type: string, kind: FaultKind, count: number, retryAfterSeconds?: number): void {
    const queue = this.queues.get(type) ?? [];
    queue.push({
      kind,
      remaining: count,
      retryAfterSeconds: retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
    });
    this.queues.set(type, queue);
  }

  take(type: string): Fault | undefined {
    const queue = this.queues.get(type);
    const head = queue?.[0];
    if (queue === undefined || head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return { kind: head.kind, retryAfterSeconds: head.retryAfterSeconds };
  }

  pending(type: string): number {
    return (this.queues.get(type) ?? []).reduce((sum, fault) => sum + fault.remaining, 0);
  }

  reset(): void {
    this.queues.clear();
  }
}

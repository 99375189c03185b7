import { describeError } from '@switchboard/testing';

/**
 * Ordered teardown: everything started registers how to stop it; shutdown() stops them in
 * reverse order of registration (services before the sandbox, before NATS, before PostgreSQL).
 * Something registered after shutdown began is stopped at once.
 */
export interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

export class Lifecycle {
  private readonly stack: Stoppable[] = [];
  private closing: Promise<void> | undefined;

  constructor(private readonly report: (message: string) => void) {}

  get isClosing(): boolean {
    return this.closing !== undefined;
  }

  add(entry: Stoppable): void {
    if (this.closing !== undefined) {
      void this.stopOne(entry);
      return;
    }
    this.stack.push(entry);
  }

  /** Stops everything once; later calls return the same promise. */
  shutdown(): Promise<void> {
    this.closing ??= (async () => {
      while (this.stack.length > 0) {
        const entry = this.stack.pop();
        if (entry !== undefined) await this.stopOne(entry);
      }
    })();
    return this.closing;
  }

  private async stopOne(entry: Stoppable): Promise<void> {
    try {
      await entry.stop();
    } catch (error) {
      this.report(`could not stop ${entry.name}: ${describeError(error)}`);
    }
  }
}

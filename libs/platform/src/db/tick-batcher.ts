import DataLoader from 'dataloader';
import { Histogram } from 'prom-client';
import { metricsRegistry } from '../health/metrics';

const batchSizes =
  (metricsRegistry.getSingleMetric('db_batch_size') as Histogram<'batch'> | undefined) ??
  new Histogram({
    name: 'db_batch_size',
    help: 'Items per batched statement (calls gathered in one event-loop turn)',
    labelNames: ['batch'],
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [metricsRegistry],
  });

export interface TickBatcherOptions {
  /** The name in the `db_batch_size` metric. */
  name: string;
  /** Items per batch at most; more calls in one turn make several batches. */
  maxBatch?: number;
}

/**
 * Gathers the calls made during one event-loop turn and runs them together — one statement and
 * one round trip instead of one per call. `run` answers one result per item, in item order.
 * A batch that fails as a whole (a deadlock between two batches, say) is retried item by item:
 * a statement is atomic, so the failed batch changed nothing.
 */
export class TickBatcher<I, R> {
  private readonly loader: DataLoader<I, R, I>;

  constructor(run: (items: readonly I[]) => Promise<R[]>, options: TickBatcherOptions) {
    const { name } = options;
    this.loader = new DataLoader<I, R, I>(
      async (items) => {
        batchSizes.observe({ batch: name }, items.length);
        if (items.length === 1) return run(items);
        try {
          return await run(items);
        } catch {
          return Promise.all(
            items.map((item) =>
              run([item]).then(
                ([result]) => result,
                (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
              ),
            ),
          );
        }
      },
      {
        cache: false,
        maxBatchSize: options.maxBatch ?? 64,
        batchScheduleFn: (dispatch) => setImmediate(dispatch),
      },
    );
  }

  run(item: I): Promise<R> {
    return this.loader.load(item);
  }
}

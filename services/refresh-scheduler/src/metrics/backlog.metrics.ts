import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { metricsRegistry } from '@switchboard/platform';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

interface BacklogRow {
  type: string;
  due: string;
  lag_seconds: number | null;
}

const CACHE_MS = 1000;

/**
 * Due backlog and lag per platform, read from the schedule when Prometheus scrapes. Every replica
 * reports the same (shared) numbers: aggregate with `max`, not `sum`.
 */
@Injectable()
export class BacklogMetrics implements OnModuleInit {
  private readonly logger = new Logger('metrics');
  private snapshot?: { at: number; rows: Promise<BacklogRow[] | null> };

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    if (metricsRegistry.getSingleMetric('scheduler_due_backlog')) return;
    const read = (): Promise<BacklogRow[] | null> => this.read();
    new Gauge({
      name: 'scheduler_due_backlog',
      help: 'Rows due for a refresh and not yet claimed, per platform',
      labelNames: ['platform'] as const,
      registers: [metricsRegistry],
      async collect() {
        const rows = await read();
        if (!rows) return; // PostgreSQL unavailable: keep the last values
        this.reset();
        for (const r of rows) this.set({ platform: r.type }, Number(r.due));
      },
    });
    new Gauge({
      name: 'scheduler_due_lag_seconds',
      help: 'Age of the oldest due row (how late refreshes run), per platform',
      labelNames: ['platform'] as const,
      registers: [metricsRegistry],
      async collect() {
        const rows = await read();
        if (!rows) return;
        this.reset();
        for (const r of rows) this.set({ platform: r.type }, Math.max(0, r.lag_seconds ?? 0));
      },
    });
  }

  private read(): Promise<BacklogRow[] | null> {
    if (this.snapshot && Date.now() - this.snapshot.at < CACHE_MS) return this.snapshot.rows;
    const rows = this.dataSource
      .query<BacklogRow[] | null>(
        `SELECT type, count(*) AS due, EXTRACT(EPOCH FROM now() - min(next_due_at))::float8 AS lag_seconds
         FROM refresh_scheduler.schedule
         WHERE state = 'scheduled' AND next_due_at <= now()
         GROUP BY type`,
      )
      .catch((error: unknown) => {
        this.logger.warn({
          msg: 'backlog metrics unavailable',
          error: String(error).slice(0, 200),
        });
        return null;
      });
    this.snapshot = { at: Date.now(), rows };
    return rows;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Budget } from '../policy/platform-policy';

export interface Grant {
  /** How many calls may be made now (0..wanted). */
  granted: number;
  /** When nothing was granted: how long until one call's worth has refilled (ms). */
  retryInMs: number;
}

/**
 * Token buckets in PostgreSQL, shared by every replica: a row per budget key holding the tokens
 * left at `updated_at`; taking refills by the elapsed time (up to the burst) under the row lock.
 * One short statement per take, no extra infrastructure.
 */
@Injectable()
export class RateBudgetRepository {
  constructor(private readonly dataSource: DataSource) {}

  async take(key: string, budget: Budget, wanted: number): Promise<Grant> {
    const row = await this.tryTake(key, budget, wanted);
    if (row) return row;
    // first use of this key: start with a full bucket, then take from it
    await this.dataSource.query(
      `INSERT INTO refresh_scheduler.rate_budget (key, tokens, updated_at)
       VALUES ($1, $2, clock_timestamp()) ON CONFLICT (key) DO NOTHING`,
      [key, budget.burst],
    );
    return (await this.tryTake(key, budget, wanted)) ?? { granted: 0, retryInMs: 1000 };
  }

  /** Gives back calls that were taken but not made (fewer rows were due than granted). */
  async refund(key: string, budget: Budget, count: number): Promise<void> {
    if (count <= 0) return;
    await this.dataSource.query(
      `UPDATE refresh_scheduler.rate_budget SET tokens = LEAST($2::float8, tokens + $3::float8)
       WHERE key = $1`,
      [key, budget.burst, count],
    );
  }

  private async tryTake(key: string, budget: Budget, wanted: number): Promise<Grant | null> {
    // TypeORM answers an UPDATE … RETURNING with [rows, count]
    const [rows]: [{ granted: number; available: number }[], number] = await this.dataSource.query(
      `WITH b AS (
         SELECT key, LEAST($3::float8, tokens + $2::float8 *
           GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - updated_at))) AS available
         FROM refresh_scheduler.rate_budget WHERE key = $1 FOR UPDATE)
       UPDATE refresh_scheduler.rate_budget r
         SET tokens = b.available - LEAST($4::int, floor(b.available)), updated_at = clock_timestamp()
       FROM b WHERE r.key = b.key
       RETURNING LEAST($4::int, floor(b.available))::int AS granted, b.available::float8 AS available`,
      [key, budget.perSecond, budget.burst, wanted],
    );
    const row = rows[0];
    if (!row) return null;
    const granted = Math.max(0, row.granted);
    const retryInMs =
      granted > 0 ? 0 : Math.ceil((Math.max(0, 1 - row.available) / budget.perSecond) * 1000);
    return { granted, retryInMs };
  }
}

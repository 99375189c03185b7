import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const CACHE_MS = 30_000;

/** Browsers may call the API from any origin a team allows its redirects to. */
@Injectable()
export class CorsPolicy {
  private origins = new Set<string>();
  private loadedAt = 0;
  private loading?: Promise<void>;

  constructor(private readonly dataSource: DataSource) {}

  async allows(origin: string): Promise<boolean> {
    if (Date.now() - this.loadedAt > CACHE_MS) {
      this.loading ??= this.load().finally(() => (this.loading = undefined));
      await this.loading;
    }
    return this.origins.has(origin);
  }

  private async load(): Promise<void> {
    const rows: { origin: string }[] = await this.dataSource.query(
      `SELECT DISTINCT unnest(allowed_redirect_origins) AS origin FROM gateway.team`,
    );
    this.origins = new Set(rows.map((r) => r.origin));
    this.loadedAt = Date.now();
  }
}

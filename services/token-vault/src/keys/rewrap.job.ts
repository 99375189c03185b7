import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { VAULT_ENV, type VaultEnv } from '../config';
import { Envelope } from '../crypto/envelope';
import { KeyRingRepository } from './key-ring.repository';
import { KeyRingService } from './key-ring.service';
import { rewrapFailures, rewrapped } from './keys.metrics';
import { qualified, SealedTables } from './sealed-tables';

const MAX_REMEMBERED_FAILURES = 10_000;

/**
 * Moves data keys off decrypt-only keys onto the active one, in small batches. Each batch claims
 * rows with `FOR UPDATE SKIP LOCKED` (replicas share the work, rows busy elsewhere are skipped and
 * come back later) and only rewrites `kek_id` + `wrapped_key`: the ciphertext, its version and a
 * concurrent reader's view stay valid, so reads and refreshes carry on during a rotation.
 */
@Injectable()
export class RewrapJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('rewrap');
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Rows that failed to unwrap (tampered, or a key missing from the file), skipped until a rotation. */
  private readonly failed = new Map<string, Set<string>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly keyRing: KeyRingService,
    private readonly repo: KeyRingRepository,
    private readonly sealed: SealedTables,
    private readonly envelope: Envelope,
    @Inject(VAULT_ENV) private readonly env: VaultEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.keyRing.onRotation(() => {
      this.failed.clear();
      this.wake?.();
    });
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** One pass over every sealed table; the number of data keys moved. */
  async runOnce(): Promise<number> {
    const from = await this.repo.decryptOnlyIds();
    if (from.length === 0) return 0;
    let moved = 0;
    for (const table of await this.sealed.list()) moved += await this.batch(table, from);
    return moved;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let moved = 0;
      try {
        moved = await this.runOnce();
      } catch (error) {
        this.logger.warn({ msg: 're-wrap batch failed; retrying later', err: error });
      }
      if (!this.running) break;
      // between batches give reads the CPU; when idle sleep until a rotation or the idle period
      await this.pause(moved > 0 ? 1 : this.env.VAULT_REWRAP_IDLE_MS);
    }
  }

  private async batch(table: string, from: string[]): Promise<number> {
    const skip = [...(this.failed.get(table) ?? [])];
    return this.dataSource.transaction(async (tx) => {
      const active = await this.keyRing.activeForWrite(tx);
      const rows: { ref: string; kek_id: string; wrapped_key: Buffer }[] = await tx.query(
        `SELECT ctid::text AS ref, kek_id, wrapped_key FROM ${qualified(table)}
          WHERE kek_id = ANY($1::text[]) AND kek_id <> $2 AND NOT (ctid = ANY($3::tid[]))
          LIMIT $4 FOR UPDATE SKIP LOCKED`,
        [from, active, skip, this.env.VAULT_REWRAP_BATCH],
      );
      const refs: string[] = [];
      const keys: Buffer[] = [];
      for (const row of rows) {
        try {
          const moved = this.envelope.rewrap(
            { kekId: row.kek_id, wrappedKey: row.wrapped_key },
            active,
          );
          refs.push(row.ref);
          keys.push(moved.wrappedKey);
        } catch (error) {
          this.remember(table, row.ref);
          rewrapFailures.inc();
          this.logger.error({
            msg: 'a data key could not be unwrapped for re-wrapping',
            table,
            kekId: row.kek_id,
            code: (error as { code?: string }).code ?? 'error',
          });
        }
      }
      if (refs.length === 0) return 0;
      await tx.query(
        `UPDATE ${qualified(table)} AS t SET kek_id = $1, wrapped_key = v.wrapped_key
           FROM unnest($2::tid[], $3::bytea[]) AS v(ref, wrapped_key) WHERE t.ctid = v.ref`,
        [active, refs, keys],
      );
      rewrapped.inc(refs.length);
      return refs.length;
    });
  }

  private remember(table: string, ref: string): void {
    const set = this.failed.get(table) ?? new Set<string>();
    if (set.size < MAX_REMEMBERED_FAILURES) set.add(ref);
    this.failed.set(table, set);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

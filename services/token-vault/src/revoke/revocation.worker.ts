import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { VAULT_CALLER } from '../caller';
import { RevokeService } from './revoke.service';

const POLL_MS = 1000;
const CLAIM_BATCH = 20;

/** Finishes revocations that are due: first attempts from events, and retries after 5xx. */
@Injectable()
export class RevocationWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('revocation-worker');
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly revoker: RevokeService,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed: string[] = [];
      try {
        claimed = await this.claim();
        for (const id of claimed) await this.revoker.finish(id, VAULT_CALLER);
      } catch (error) {
        this.logger.warn({ msg: 'revocation pass failed; retrying', err: error });
      }
      if (!this.running) break;
      if (claimed.length < CLAIM_BATCH) await this.pause(POLL_MS);
    }
  }

  /** Claims due rows for two minutes (SKIP LOCKED: replicas never take the same one). */
  private async claim(): Promise<string[]> {
    const [rows]: [{ connection_id: string }[], number] = await this.dataSource.query(
      `UPDATE token_vault.credential SET revoke_next_at = now() + interval '2 minutes'
        WHERE connection_id IN (
          SELECT connection_id FROM token_vault.credential
           WHERE revoke_pending AND revoke_next_at <= now()
           ORDER BY revoke_next_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING connection_id`,
      [CLAIM_BATCH],
    );
    return rows.map((r) => r.connection_id);
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

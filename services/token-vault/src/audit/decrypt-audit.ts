import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { currentTraceId } from '@switchboard/platform';
import { Pool } from 'pg';
import { VAULT_ENV, type VaultEnv } from '../config';
import { auditDropped, auditWritten, registerAuditPending } from './audit.metrics';

export interface DecryptRecord {
  /** The calling service, or `token-vault` for the vault's own work (refresh, revoke). */
  caller: string;
  purpose: string;
  connectionId: string;
  teamId: string;
  credentialVersion: number;
}

interface Entry extends DecryptRecord {
  at: Date;
  traceId: string | null;
}

const MAX_ROWS_PER_INSERT = 5000;

/**
 * Every decrypt of a credential, recorded off the read path: `record` only appends to memory; a
 * timer writes batches with one INSERT. A failed write keeps the entries for the next attempt
 * (bounded; drops are counted). Clean shutdown writes everything: `beforeApplicationShutdown`
 * flushes while the RPC server still answers, and from then on every entry is written at once;
 * `onApplicationShutdown` (after the RPC server closed) writes stragglers before its own pool
 * closes — the pool is the audit's own, so it outlives the TypeORM connection.
 */
@Injectable()
export class DecryptAudit
  implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('decrypt-audit');
  private readonly pool: Pool;
  private buffer: Entry[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private closing = false;

  constructor(@Inject(VAULT_ENV) private readonly env: VaultEnv) {
    this.pool = new Pool({
      connectionString: env.DATABASE_URL,
      max: 2,
      application_name: 'token_vault_audit',
      keepAlive: true,
      connectionTimeoutMillis: 5000,
    });
    this.pool.on('error', () => undefined);
  }

  onModuleInit(): void {
    registerAuditPending(() => this.buffer.length);
    this.timer = setInterval(() => void this.flush(), this.env.VAULT_AUDIT_FLUSH_MS);
    this.timer.unref();
  }

  record(entry: DecryptRecord): void {
    this.buffer.push({ ...entry, at: new Date(), traceId: currentTraceId() });
    if (this.buffer.length > this.env.VAULT_AUDIT_MAX_BUFFER) {
      const excess = this.buffer.length - this.env.VAULT_AUDIT_MAX_BUFFER;
      this.buffer.splice(0, excess);
      auditDropped.inc(excess);
    }
    if (this.closing || this.buffer.length >= MAX_ROWS_PER_INSERT) void this.flush();
  }

  /** Writes everything recorded so far (batches run one at a time, in order). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeAll());
    return this.flushing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.closing = true;
    await this.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
    if (this.buffer.length > 0) {
      this.logger.error({
        msg: 'decrypt-audit entries could not be written',
        count: this.buffer.length,
      });
    }
    await this.pool.end().catch(() => undefined);
  }

  private async writeAll(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, MAX_ROWS_PER_INSERT);
      try {
        await this.insert(batch);
        auditWritten.inc(batch.length);
      } catch (error) {
        this.buffer.unshift(...batch);
        this.logger.warn({
          msg: 'decrypt-audit write failed; kept for the next attempt',
          err: error,
        });
        return;
      }
    }
  }

  private async insert(batch: Entry[]): Promise<void> {
    await this.pool.query(
      `INSERT INTO token_vault.decrypt_audit
         (at, caller, purpose, connection_id, team_id, credential_version, trace_id)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::uuid[], $5::uuid[],
                            $6::int[], $7::text[])`,
      [
        batch.map((e) => e.at),
        batch.map((e) => e.caller),
        batch.map((e) => e.purpose),
        batch.map((e) => e.connectionId),
        batch.map((e) => e.teamId),
        batch.map((e) => e.credentialVersion),
        batch.map((e) => e.traceId),
      ],
    );
  }
}

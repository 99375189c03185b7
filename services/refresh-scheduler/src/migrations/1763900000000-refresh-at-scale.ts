import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh at scale: the lease becomes the due time itself (a claimed row is simply not due until
 * its lease lapses, so claiming never scans rows in flight); claims go per platform through
 * `(type, next_due_at)`; expiry ladders; shared rate budgets; the attempt history becomes the
 * connection timeline.
 */
export class RefreshAtScale1763900000000 implements MigrationInterface {
  name = 'RefreshAtScale1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE refresh_scheduler.schedule
        ADD COLUMN app_key            text NOT NULL DEFAULT 'default',
        ADD COLUMN refreshable        boolean NOT NULL DEFAULT false,
        ADD COLUMN refresh_expires_at timestamptz,
        ADD COLUMN issued_at          timestamptz,
        ADD COLUMN lease_token        bigint NOT NULL DEFAULT 0,
        ADD COLUMN warn_at            timestamptz,
        ADD COLUMN warn_cause         text,
        ADD COLUMN warn_target        timestamptz,
        ADD COLUMN warn_generation    text`);
    await q.query(
      `UPDATE refresh_scheduler.schedule SET refreshable = (state = 'scheduled'),
         next_due_at = GREATEST(next_due_at, lease_until)`,
    );
    await q.query(`ALTER TABLE refresh_scheduler.schedule DROP COLUMN lease_until`);
    await q.query(`DROP INDEX refresh_scheduler.schedule_due_idx`);
    await q.query(
      `CREATE INDEX schedule_due_idx ON refresh_scheduler.schedule (type, next_due_at) WHERE state = 'scheduled'`,
    );
    await q.query(
      `CREATE INDEX schedule_warn_idx ON refresh_scheduler.schedule (warn_at) WHERE warn_at IS NOT NULL`,
    );

    await q.query(`ALTER TABLE refresh_scheduler.attempt RENAME TO timeline`);
    await q.query(`ALTER TABLE refresh_scheduler.timeline RENAME COLUMN started_at TO at`);
    await q.query(`ALTER TABLE refresh_scheduler.timeline RENAME COLUMN error TO detail`);
    await q.query(`
      ALTER TABLE refresh_scheduler.timeline
        ADD COLUMN kind               text NOT NULL DEFAULT 'refresh_attempt',
        ADD COLUMN provider_error     text,
        ADD COLUMN credential_version integer,
        ALTER COLUMN duration_ms DROP NOT NULL,
        ALTER COLUMN trigger DROP NOT NULL,
        ALTER COLUMN outcome DROP NOT NULL,
        ALTER COLUMN replica DROP NOT NULL`);
    await q.query(`ALTER TABLE refresh_scheduler.timeline ALTER COLUMN kind DROP DEFAULT`);
    await q.query(`ALTER SEQUENCE refresh_scheduler.attempt_id_seq RENAME TO timeline_id_seq`);
    await q.query(`ALTER INDEX refresh_scheduler.attempt_pkey RENAME TO timeline_pkey`);
    await q.query(`DROP INDEX refresh_scheduler.attempt_connection_idx`);
    await q.query(
      `CREATE INDEX timeline_connection_idx ON refresh_scheduler.timeline (connection_id, at, id)`,
    );
    await q.query(`ALTER INDEX refresh_scheduler.attempt_started_idx RENAME TO timeline_at_idx`);

    await q.query(`
      CREATE TABLE refresh_scheduler.expiry_warning (
        connection_id   uuid NOT NULL,
        generation      text NOT NULL,
        horizon_seconds integer NOT NULL,
        cause           text NOT NULL,
        target_at       timestamptz NOT NULL,
        fired_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (connection_id, generation, horizon_seconds)
      )`);
    await q.query(
      `CREATE INDEX expiry_warning_target_idx ON refresh_scheduler.expiry_warning (target_at)`,
    );

    await q.query(`
      CREATE TABLE refresh_scheduler.rate_budget (
        key        text PRIMARY KEY,
        tokens     double precision NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_scheduler.rate_budget, refresh_scheduler.expiry_warning`);
    await q.query(`DROP INDEX refresh_scheduler.timeline_connection_idx`);
    await q.query(
      `CREATE INDEX attempt_connection_idx ON refresh_scheduler.timeline (connection_id, at)`,
    );
    await q.query(`ALTER INDEX refresh_scheduler.timeline_at_idx RENAME TO attempt_started_idx`);
    await q.query(`ALTER INDEX refresh_scheduler.timeline_pkey RENAME TO attempt_pkey`);
    await q.query(`ALTER SEQUENCE refresh_scheduler.timeline_id_seq RENAME TO attempt_id_seq`);
    await q.query(`DELETE FROM refresh_scheduler.timeline WHERE kind <> 'refresh_attempt'`);
    await q.query(`
      ALTER TABLE refresh_scheduler.timeline
        DROP COLUMN kind, DROP COLUMN provider_error, DROP COLUMN credential_version`);
    await q.query(`ALTER TABLE refresh_scheduler.timeline RENAME COLUMN detail TO error`);
    await q.query(`ALTER TABLE refresh_scheduler.timeline RENAME COLUMN at TO started_at`);
    await q.query(`ALTER TABLE refresh_scheduler.timeline RENAME TO attempt`);
    await q.query(`DROP INDEX refresh_scheduler.schedule_warn_idx`);
    await q.query(`DROP INDEX refresh_scheduler.schedule_due_idx`);
    await q.query(
      `CREATE INDEX schedule_due_idx ON refresh_scheduler.schedule (next_due_at) WHERE state = 'scheduled'`,
    );
    await q.query(`ALTER TABLE refresh_scheduler.schedule ADD COLUMN lease_until timestamptz`);
    await q.query(`
      ALTER TABLE refresh_scheduler.schedule
        DROP COLUMN app_key, DROP COLUMN refreshable, DROP COLUMN refresh_expires_at,
        DROP COLUMN issued_at, DROP COLUMN lease_token, DROP COLUMN warn_at, DROP COLUMN warn_cause,
        DROP COLUMN warn_target, DROP COLUMN warn_generation`);
  }
}

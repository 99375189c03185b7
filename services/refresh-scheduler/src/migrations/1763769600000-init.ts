import { createBusTables, dropBusTables } from '@switchboard/bus';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1763769600000 implements MigrationInterface {
  name = 'Init1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE refresh_scheduler.schedule (
        connection_id      uuid PRIMARY KEY,
        team_id            uuid NOT NULL,
        type               text NOT NULL,
        credential_version integer NOT NULL,
        state              text NOT NULL CHECK (state IN ('scheduled', 'not_refreshable', 'dead', 'stopped')),
        expires_at         timestamptz,
        next_due_at        timestamptz,
        attempts           integer NOT NULL DEFAULT 0,
        lease_owner        text,
        lease_until        timestamptz,
        last_outcome       text,
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX schedule_due_idx ON refresh_scheduler.schedule (next_due_at) WHERE state = 'scheduled'`,
    );
    await q.query(`
      CREATE TABLE refresh_scheduler.attempt (
        id              bigserial PRIMARY KEY,
        connection_id   uuid NOT NULL,
        team_id         uuid NOT NULL,
        type            text NOT NULL,
        started_at      timestamptz NOT NULL,
        duration_ms     integer NOT NULL,
        trigger         text NOT NULL,
        outcome         text NOT NULL,
        provider_status integer,
        error           text,
        trace_id        text,
        replica         text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX attempt_connection_idx ON refresh_scheduler.attempt (connection_id, started_at)`,
    );
    await q.query(`CREATE INDEX attempt_started_idx ON refresh_scheduler.attempt (started_at)`);
    await createBusTables(q, 'refresh_scheduler');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropBusTables(q, 'refresh_scheduler');
    await q.query(`DROP TABLE refresh_scheduler.attempt, refresh_scheduler.schedule`);
  }
}

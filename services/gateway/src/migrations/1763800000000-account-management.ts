import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Holds, one main account per platform, plan slots, idempotent POSTs and the API audit log. */
export class AccountManagement1763800000000 implements MigrationInterface {
  name = 'AccountManagement1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE gateway.account_hold (
        account_id uuid PRIMARY KEY REFERENCES gateway.account (id),
        reason     text NOT NULL,
        count      integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`UPDATE gateway.account a SET is_main = false WHERE is_main AND EXISTS (
      SELECT 1 FROM gateway.account b WHERE b.team_id = a.team_id AND b.type = a.type AND b.is_main AND b.id < a.id)`);
    await q.query(
      `CREATE UNIQUE INDEX account_one_main_idx ON gateway.account (team_id, type) WHERE is_main`,
    );
    await q.query(`
      CREATE TABLE gateway.connection_slot (
        connection_id uuid PRIMARY KEY,
        team_id       uuid NOT NULL,
        type          text NOT NULL,
        reserved_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX connection_slot_team_idx ON gateway.connection_slot (team_id, type)`,
    );
    await q.query(`
      CREATE TABLE gateway.idempotency (
        key_id      uuid NOT NULL,
        idem_key    text NOT NULL,
        method      text NOT NULL,
        path        text NOT NULL,
        body_hash   text NOT NULL,
        status      integer,
        response    jsonb,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (key_id, idem_key)
      )`);
    await q.query(`CREATE INDEX idempotency_created_idx ON gateway.idempotency (created_at)`);
    await q.query(`
      CREATE TABLE gateway.audit_log (
        id        bigserial PRIMARY KEY,
        key_id    uuid NOT NULL,
        team_id   uuid,
        method    text NOT NULL,
        route     text NOT NULL,
        target_id text,
        status    integer NOT NULL,
        at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_team_idx ON gateway.audit_log (team_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE gateway.audit_log, gateway.idempotency, gateway.connection_slot, gateway.account_hold`,
    );
    await q.query(`DROP INDEX gateway.account_one_main_idx`);
  }
}

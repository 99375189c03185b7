import { createBusTables, dropBusTables } from '@switchboard/bus';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1763769600000 implements MigrationInterface {
  name = 'Init1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifier.account (
        connection_id uuid PRIMARY KEY,
        team_id       uuid NOT NULL,
        type          text NOT NULL,
        external_id   text NOT NULL,
        display_name  text NOT NULL,
        avatar_url    text,
        member_id     uuid,
        updated_at    timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE notifier.notification (
        id            uuid PRIMARY KEY,
        team_id       uuid NOT NULL,
        member_id     uuid,
        connection_id uuid,
        kind          text NOT NULL,
        title         text NOT NULL,
        body          text NOT NULL,
        dedupe_key    text NOT NULL,
        created_at    timestamptz NOT NULL,
        read_at       timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX notification_dedupe_idx ON notifier.notification (dedupe_key)`,
    );
    await q.query(
      `CREATE INDEX notification_team_idx ON notifier.notification (team_id, created_at, id)`,
    );
    await q.query(`
      CREATE TABLE notifier.email_delivery (
        id              uuid PRIMARY KEY,
        dedupe_key      text NOT NULL,
        team_id         uuid NOT NULL,
        member_id       uuid,
        connection_id   uuid,
        recipient       text NOT NULL,
        locale          text NOT NULL,
        subject         text NOT NULL,
        text_body       text NOT NULL,
        html_body       text NOT NULL,
        status          text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error      text,
        created_at      timestamptz NOT NULL,
        sent_at         timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX email_delivery_dedupe_idx ON notifier.email_delivery (dedupe_key)`,
    );
    await q.query(
      `CREATE INDEX email_delivery_pending_idx ON notifier.email_delivery (next_attempt_at) WHERE status = 'pending'`,
    );
    await createBusTables(q, 'notifier');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropBusTables(q, 'notifier');
    await q.query(`DROP TABLE notifier.email_delivery, notifier.notification, notifier.account`);
  }
}

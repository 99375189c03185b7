import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 7: richer notices (severity, locale, action link, live relay trigger), leased email
 * sending, preferences and team settings, open problems with their reminder series, and webhooks
 * (subscriptions, deliveries, attempts).
 */
export class Channels1764000000000 implements MigrationInterface {
  name = 'Channels1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notifier.account
        ADD COLUMN end_user_id text,
        ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN credential_version integer NOT NULL DEFAULT 0`);
    await q.query(`
      ALTER TABLE notifier.notification
        ADD COLUMN severity text NOT NULL DEFAULT 'info' CHECK (severity IN ('info', 'warning', 'error')),
        ADD COLUMN locale text NOT NULL DEFAULT 'en',
        ADD COLUMN action_url text`);
    await q.query(
      `CREATE INDEX notification_unread_idx ON notifier.notification (team_id, member_id) WHERE read_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX notification_connection_idx ON notifier.notification (connection_id, created_at, id)`,
    );
    // NOTIFY is delivered at commit: the live relay never announces a notice that was rolled back
    await q.query(`
      CREATE FUNCTION notifier.notification_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('notifier_notice', NEW.id::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER notification_notify AFTER INSERT ON notifier.notification
      FOR EACH ROW EXECUTE FUNCTION notifier.notification_notify()`);

    await q.query(`ALTER TABLE notifier.email_delivery ADD COLUMN lease_until timestamptz`);

    await q.query(`
      CREATE TABLE notifier.preference (
        member_id  uuid NOT NULL,
        kind       text NOT NULL,
        team_id    uuid NOT NULL,
        email      boolean NOT NULL,
        in_app     boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (member_id, kind)
      )`);
    await q.query(`
      CREATE TABLE notifier.team_setting (
        team_id       uuid PRIMARY KEY,
        notify_admins boolean NOT NULL,
        updated_at    timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE notifier.problem (
        connection_id      uuid PRIMARY KEY,
        team_id            uuid NOT NULL,
        kind               text NOT NULL CHECK (kind IN ('refresh_failed', 'disconnected', 'expiring')),
        credential_version integer NOT NULL,
        opened_at          timestamptz NOT NULL,
        reminder_step      integer NOT NULL DEFAULT 0,
        next_reminder_at   timestamptz,
        resolved_at        timestamptz,
        updated_at         timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX problem_due_idx ON notifier.problem (next_reminder_at) WHERE resolved_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE notifier.webhook_subscription (
        id              uuid PRIMARY KEY,
        team_id         uuid NOT NULL,
        url             text NOT NULL,
        events          text[] NOT NULL,
        secret_sealed   text NOT NULL,
        status          text NOT NULL CHECK (status IN ('active', 'disabled')),
        failing_since   timestamptz,
        disabled_at     timestamptz,
        disabled_reason text,
        idempotency_key text,
        created_at      timestamptz NOT NULL,
        deleted_at      timestamptz
      )`);
    await q.query(
      `CREATE INDEX webhook_subscription_team_idx ON notifier.webhook_subscription (team_id, created_at, id)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX webhook_subscription_idempotency_idx ON notifier.webhook_subscription (team_id, idempotency_key)
       WHERE idempotency_key IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE notifier.webhook_delivery (
        id               uuid PRIMARY KEY,
        subscription_id  uuid NOT NULL REFERENCES notifier.webhook_subscription (id),
        team_id          uuid NOT NULL,
        event_id         uuid NOT NULL,
        event_type       text NOT NULL,
        dedupe_key       text NOT NULL,
        body             text NOT NULL,
        status           text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz,
        lease_until      timestamptz,
        give_up_at       timestamptz NOT NULL,
        created_at       timestamptz NOT NULL,
        delivered_at     timestamptz,
        last_status_code integer,
        last_error       text
      )`);
    await q.query(
      `CREATE UNIQUE INDEX webhook_delivery_dedupe_idx ON notifier.webhook_delivery (subscription_id, dedupe_key)`,
    );
    await q.query(
      `CREATE INDEX webhook_delivery_due_idx ON notifier.webhook_delivery (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX webhook_delivery_subscription_idx ON notifier.webhook_delivery (subscription_id, created_at, id)`,
    );
    await q.query(`
      CREATE TABLE notifier.webhook_attempt (
        id          bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES notifier.webhook_delivery (id),
        at          timestamptz NOT NULL,
        status_code integer,
        error       text,
        duration_ms integer NOT NULL,
        manual      boolean NOT NULL
      )`);
    await q.query(
      `CREATE INDEX webhook_attempt_delivery_idx ON notifier.webhook_attempt (delivery_id, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE notifier.webhook_attempt, notifier.webhook_delivery, notifier.webhook_subscription`,
    );
    await q.query(`DROP TABLE notifier.problem, notifier.team_setting, notifier.preference`);
    await q.query(`ALTER TABLE notifier.email_delivery DROP COLUMN lease_until`);
    await q.query(`DROP TRIGGER notification_notify ON notifier.notification`);
    await q.query(`DROP FUNCTION notifier.notification_notify()`);
    await q.query(
      `DROP INDEX notifier.notification_connection_idx, notifier.notification_unread_idx`,
    );
    await q.query(
      `ALTER TABLE notifier.notification DROP COLUMN severity, DROP COLUMN locale, DROP COLUMN action_url`,
    );
    await q.query(
      `ALTER TABLE notifier.account DROP COLUMN end_user_id, DROP COLUMN metadata, DROP COLUMN credential_version`,
    );
  }
}

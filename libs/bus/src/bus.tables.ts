import type { QueryRunner } from 'typeorm';

/**
 * The outbox, inbox and dead-letter tables every service keeps in its own schema. Called from
 * each service's committed migration, so the tables are versioned with the service.
 */
export async function createBusTables(runner: QueryRunner, schema: string): Promise<void> {
  const s = `"${schema}"`;
  await runner.query(`
    CREATE TABLE ${s}.outbox (
      seq          bigserial PRIMARY KEY,
      id           uuid NOT NULL,
      type         text NOT NULL,
      subject      text NOT NULL,
      payload      jsonb NOT NULL,
      headers      jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at   timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      attempts     integer NOT NULL DEFAULT 0,
      last_error   text,
      CONSTRAINT outbox_id_unique UNIQUE (id)
    )`);
  await runner.query(
    `CREATE INDEX outbox_unpublished_idx ON ${s}.outbox (seq) WHERE published_at IS NULL`,
  );
  await runner.query(`
    CREATE FUNCTION ${s}.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${schema}_outbox', '');
      RETURN NULL;
    END $$`);
  await runner.query(`
    CREATE TRIGGER outbox_notify AFTER INSERT ON ${s}.outbox
    FOR EACH STATEMENT EXECUTE FUNCTION ${s}.outbox_notify()`);
  await runner.query(`
    CREATE TABLE ${s}.inbox (
      consumer     text NOT NULL,
      event_id     uuid NOT NULL,
      event_type   text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
  await runner.query(`
    CREATE TABLE ${s}.dead_letter (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      consumer    text NOT NULL,
      subject     text NOT NULL,
      stream_seq  bigint,
      event_id    text,
      event_type  text,
      payload     text NOT NULL,
      headers     jsonb NOT NULL DEFAULT '{}'::jsonb,
      reason      text NOT NULL,
      error       text,
      deliveries  integer NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      replayed_at timestamptz
    )`);
  await runner.query(`CREATE INDEX dead_letter_created_idx ON ${s}.dead_letter (created_at, id)`);
}

export async function dropBusTables(runner: QueryRunner, schema: string): Promise<void> {
  const s = `"${schema}"`;
  await runner.query(`DROP TABLE IF EXISTS ${s}.dead_letter, ${s}.inbox, ${s}.outbox`);
  await runner.query(`DROP FUNCTION IF EXISTS ${s}.outbox_notify()`);
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 9: a queued email keeps the trace context of the event that queued it. */
export class EmailTrace1764300000000 implements MigrationInterface {
  name = 'EmailTrace1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifier.email_delivery ADD COLUMN traceparent text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifier.email_delivery DROP COLUMN traceparent`);
  }
}

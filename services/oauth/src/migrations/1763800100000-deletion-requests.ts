import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Data-deletion requests a platform sent, with the confirmation code shown to the user. */
export class DeletionRequests1763800100000 implements MigrationInterface {
  name = 'DeletionRequests1763800100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE oauth.deletion_request (
        confirmation_code text PRIMARY KEY,
        type              text NOT NULL,
        platform_user_id  text NOT NULL,
        connections       integer NOT NULL,
        requested_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE oauth.deletion_request`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a selection was claimed for completion: a claim older than the reclaim window was left by
 * a process that died mid-completion, and the next attempt may take the selection over.
 */
export class SelectionClaimedAt1764400000000 implements MigrationInterface {
  name = 'SelectionClaimedAt1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE oauth.selection ADD COLUMN claimed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE oauth.selection DROP COLUMN claimed_at`);
  }
}

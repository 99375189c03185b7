import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a flow with per-user discovery remembers between its steps (Bluesky: the DID, PDS and
 * authorization server found for the handle, then the session's DPoP key and nonce). Like the
 * PKCE verifier, it is dropped when the flow ends.
 */
export class FlowContext1764200000000 implements MigrationInterface {
  name = 'FlowContext1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE oauth.flow ADD COLUMN context jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE oauth.flow DROP COLUMN context`);
  }
}

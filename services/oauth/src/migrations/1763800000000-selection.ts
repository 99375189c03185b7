import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Pending channel selections, and the grant behind each connection (to switch channels later). */
export class Selection1763800000000 implements MigrationInterface {
  name = 'Selection1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE oauth.selection (
        id            uuid PRIMARY KEY,
        flow_id       uuid NOT NULL,
        team_id       uuid NOT NULL,
        type          text NOT NULL,
        grant_id      uuid NOT NULL,
        grant_user_id text,
        candidates    jsonb NOT NULL,
        multiple      boolean NOT NULL,
        member_id     uuid,
        end_user_id   text,
        metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
        status        text NOT NULL CHECK (status IN ('pending', 'completing', 'completed')),
        expires_at    timestamptz NOT NULL,
        created_at    timestamptz NOT NULL,
        completed_at  timestamptz
      )`);
    await q.query(`CREATE INDEX selection_team_idx ON oauth.selection (team_id, created_at)`);
    await q.query(
      `ALTER TABLE oauth.connection ADD COLUMN grant_id uuid, ADD COLUMN grant_user_id text`,
    );
    await q.query(
      `CREATE INDEX connection_grant_user_idx ON oauth.connection (type, grant_user_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE oauth.connection DROP COLUMN grant_id, DROP COLUMN grant_user_id`);
    await q.query(`DROP TABLE oauth.selection`);
  }
}

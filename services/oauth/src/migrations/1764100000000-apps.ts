import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Developer apps beside the deployment's: a team's own app per platform ("bring your own app")
 * and the app registered on each Mastodon instance (reused by every flow to that instance). The
 * client secrets live sealed in the vault under the same app key. Flows and connections remember
 * which app they used, so callbacks, refreshes and revocations use that app.
 */
export class Apps1764100000000 implements MigrationInterface {
  name = 'Apps1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE oauth.app (
        app_key     text PRIMARY KEY,
        kind        text NOT NULL CHECK (kind IN ('team', 'instance')),
        team_id     uuid,
        type        text NOT NULL,
        client_id   text NOT NULL,
        server_url  text,
        pkce        boolean NOT NULL DEFAULT false,
        active      boolean NOT NULL DEFAULT true,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'team') = (team_id IS NOT NULL)),
        CHECK ((kind = 'instance') = (server_url IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX app_team_active_idx ON oauth.app (team_id, type) WHERE kind = 'team' AND active`,
    );
    await q.query(
      `CREATE UNIQUE INDEX app_instance_idx ON oauth.app (type, server_url) WHERE kind = 'instance'`,
    );
    await q.query(`ALTER TABLE oauth.flow ADD COLUMN app_key text`);
    await q.query(`ALTER TABLE oauth.connection ADD COLUMN app_key text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE oauth.connection DROP COLUMN app_key`);
    await q.query(`ALTER TABLE oauth.flow DROP COLUMN app_key`);
    await q.query(`DROP TABLE oauth.app`);
  }
}

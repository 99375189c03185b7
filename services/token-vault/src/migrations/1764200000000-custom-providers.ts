import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Teams' own OAuth 2.0 providers (`CUSTOM_OAUTH2:<key>`): the endpoints and options as
 * registered; the client secret is sealed in `app_secret` under the same app key. A deleted
 * provider is kept (marked) so connections made with it still refresh and revoke.
 */
export class CustomProviders1764200000000 implements MigrationInterface {
  name = 'CustomProviders1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE token_vault.custom_provider (
        app_key     text PRIMARY KEY,
        team_id     uuid NOT NULL,
        key         text NOT NULL,
        config      jsonb NOT NULL,
        deleted_at  timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX custom_provider_team_key_idx ON token_vault.custom_provider (team_id, key)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE token_vault.custom_provider`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Developer apps other than the deployment's (a team's own app, the app registered on a Mastodon
 * instance): the client secret sealed like any credential, and which app each credential was
 * issued to, so its refreshes and revocations use that app.
 */
export class AppSecrets1764100000000 implements MigrationInterface {
  name = 'AppSecrets1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE token_vault.app_secret (
        app_key     text PRIMARY KEY,
        type        text NOT NULL,
        client_id   text NOT NULL,
        server_url  text,
        pkce        boolean NOT NULL DEFAULT false,
        version     integer NOT NULL,
        kek_id      text,
        wrapped_key bytea,
        iv          bytea,
        ciphertext  bytea,
        tag         bytea,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX app_secret_kek_idx ON token_vault.app_secret (kek_id)`);
    await q.query(`ALTER TABLE token_vault.credential ADD COLUMN app_key text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE token_vault.credential DROP COLUMN app_key`);
    await q.query(`DROP TABLE token_vault.app_secret`);
  }
}

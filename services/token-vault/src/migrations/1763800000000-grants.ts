import type { MigrationInterface, QueryRunner } from 'typeorm';

/** User-level grants behind channel connections (kept to list and switch channels). */
export class Grants1763800000000 implements MigrationInterface {
  name = 'Grants1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE token_vault.grant (
        id          uuid PRIMARY KEY,
        team_id     uuid NOT NULL,
        type        text NOT NULL,
        version     integer NOT NULL,
        kek_id      text,
        wrapped_key bytea,
        iv          bytea,
        ciphertext  bytea,
        tag         bytea,
        expires_at  timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX grant_team_idx ON token_vault.grant (team_id)`);
    await q.query(`CREATE INDEX grant_kek_idx ON token_vault.grant (kek_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE token_vault.grant`);
  }
}

import { createBusTables, dropBusTables } from '@switchboard/bus';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1763769600000 implements MigrationInterface {
  name = 'Init1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE token_vault.credential (
        connection_id      uuid PRIMARY KEY,
        team_id            uuid NOT NULL,
        type               text NOT NULL,
        external_id        text NOT NULL,
        version            integer NOT NULL,
        status             text NOT NULL CHECK (status IN ('active', 'reauth_required', 'revoked')),
        kek_id             text,
        wrapped_key        bytea,
        iv                 bytea,
        ciphertext         bytea,
        tag                bytea,
        token_type         text NOT NULL,
        scopes             text[] NOT NULL DEFAULT '{}',
        expires_at         timestamptz,
        refresh_expires_at timestamptz,
        refreshable        boolean NOT NULL,
        issued_at          timestamptz NOT NULL,
        refreshed_at       timestamptz,
        lock_token         bigint NOT NULL DEFAULT 0,
        lock_until         timestamptz,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX credential_team_idx ON token_vault.credential (team_id)`);
    await q.query(`CREATE INDEX credential_kek_idx ON token_vault.credential (kek_id)`);
    await createBusTables(q, 'token_vault');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropBusTables(q, 'token_vault');
    await q.query(`DROP TABLE token_vault.credential`);
  }
}

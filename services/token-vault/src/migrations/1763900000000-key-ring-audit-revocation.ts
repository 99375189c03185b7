import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Key ring metadata (which KEK is active, which are retired) so every replica agrees; the decrypt
 * audit; and the state of a revocation the provider has not confirmed yet.
 */
export class KeyRingAuditRevocation1763900000000 implements MigrationInterface {
  name = 'KeyRingAuditRevocation1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE token_vault.key_ring (
        kek_id         text PRIMARY KEY,
        state          text NOT NULL CHECK (state IN ('active', 'decrypt_only', 'retired')),
        created_at     timestamptz NOT NULL DEFAULT now(),
        activated_at   timestamptz,
        deactivated_at timestamptz,
        retired_at     timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX key_ring_one_active ON token_vault.key_ring ((true)) WHERE state = 'active'`,
    );
    await q.query(`
      CREATE TABLE token_vault.decrypt_audit (
        id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at                 timestamptz NOT NULL,
        caller             text NOT NULL,
        purpose            text NOT NULL,
        connection_id      uuid NOT NULL,
        team_id            uuid NOT NULL,
        credential_version integer NOT NULL,
        trace_id           text
      )`);
    await q.query(
      `CREATE INDEX decrypt_audit_connection_idx ON token_vault.decrypt_audit (connection_id, id)`,
    );
    await q.query(`CREATE INDEX decrypt_audit_team_idx ON token_vault.decrypt_audit (team_id, id)`);
    await q.query(`
      ALTER TABLE token_vault.credential
        ADD COLUMN revoked_at       timestamptz,
        ADD COLUMN revoked_by       text CHECK (revoked_by IN ('team', 'provider')),
        ADD COLUMN revoke_pending   boolean NOT NULL DEFAULT false,
        ADD COLUMN revoke_attempts  integer NOT NULL DEFAULT 0,
        ADD COLUMN revoke_next_at   timestamptz,
        ADD COLUMN revoke_announced boolean NOT NULL DEFAULT false`);
    await q.query(
      `CREATE INDEX credential_revoke_due_idx ON token_vault.credential (revoke_next_at) WHERE revoke_pending`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX token_vault.credential_revoke_due_idx`);
    await q.query(`
      ALTER TABLE token_vault.credential
        DROP COLUMN revoked_at, DROP COLUMN revoked_by, DROP COLUMN revoke_pending,
        DROP COLUMN revoke_attempts, DROP COLUMN revoke_next_at, DROP COLUMN revoke_announced`);
    await q.query(`DROP TABLE token_vault.decrypt_audit`);
    await q.query(`DROP TABLE token_vault.key_ring`);
  }
}

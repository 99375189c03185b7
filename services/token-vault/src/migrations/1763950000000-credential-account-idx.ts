import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Finds the other live credentials of one platform account (copies; revocation at the platform). */
export class CredentialAccountIdx1763950000000 implements MigrationInterface {
  name = 'CredentialAccountIdx1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX credential_account_idx ON token_vault.credential (type, external_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX token_vault.credential_account_idx`);
  }
}

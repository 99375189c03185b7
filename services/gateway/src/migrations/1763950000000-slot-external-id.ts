import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Slots remember the external account they are for (the connected-elsewhere rule). */
export class SlotExternalId1763950000000 implements MigrationInterface {
  name = 'SlotExternalId1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway.connection_slot ADD COLUMN external_id text`);
    await q.query(
      `CREATE INDEX connection_slot_external_idx ON gateway.connection_slot (type, external_id)
       WHERE external_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX account_external_idx ON gateway.account (type, external_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX gateway.account_external_idx`);
    await q.query(`DROP INDEX gateway.connection_slot_external_idx`);
    await q.query(`ALTER TABLE gateway.connection_slot DROP COLUMN external_id`);
  }
}

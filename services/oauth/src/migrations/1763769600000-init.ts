import { createBusTables, dropBusTables } from '@switchboard/bus';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1763769600000 implements MigrationInterface {
  name = 'Init1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE oauth.flow (
        id                      uuid PRIMARY KEY,
        team_id                 uuid NOT NULL,
        type                    text NOT NULL,
        redirect_url            text NOT NULL,
        member_id               uuid,
        end_user_id             text,
        metadata                jsonb NOT NULL DEFAULT '{}'::jsonb,
        scopes                  text[] NOT NULL DEFAULT '{}',
        reconnect_connection_id uuid,
        launch_token_hash       text NOT NULL,
        state_hash              text,
        browser_hash            text,
        code_verifier           text,
        redirect_uri            text,
        status                  text NOT NULL,
        outcome                 text,
        expires_at              timestamptz NOT NULL,
        created_at              timestamptz NOT NULL,
        completed_at            timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX flow_state_hash_idx ON oauth.flow (state_hash)`);
    await q.query(`CREATE INDEX flow_browser_idx ON oauth.flow (browser_hash, created_at)`);
    await q.query(`CREATE INDEX flow_expires_idx ON oauth.flow (expires_at)`);
    await q.query(`
      CREATE TABLE oauth.connection (
        id          uuid PRIMARY KEY,
        team_id     uuid NOT NULL,
        type        text NOT NULL,
        external_id text NOT NULL,
        created_at  timestamptz NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX connection_team_type_external_idx ON oauth.connection (team_id, type, external_id)`,
    );
    await createBusTables(q, 'oauth');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropBusTables(q, 'oauth');
    await q.query(`DROP TABLE oauth.connection`);
    await q.query(`DROP TABLE oauth.flow`);
  }
}

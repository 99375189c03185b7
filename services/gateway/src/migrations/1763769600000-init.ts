import { createBusTables, dropBusTables } from '@switchboard/bus';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1763769600000 implements MigrationInterface {
  name = 'Init1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE gateway.team (
        id                       uuid PRIMARY KEY,
        name                     text NOT NULL,
        plan                     text NOT NULL,
        allowed_redirect_origins text[] NOT NULL DEFAULT '{}',
        created_at               timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE gateway.member (
        id         uuid PRIMARY KEY,
        team_id    uuid NOT NULL REFERENCES gateway.team (id),
        email      text NOT NULL,
        name       text,
        locale     text NOT NULL,
        role       text NOT NULL CHECK (role IN ('admin', 'member')),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX member_team_idx ON gateway.member (team_id)`);
    await q.query(`
      CREATE TABLE gateway.api_key (
        id                    uuid PRIMARY KEY,
        team_id               uuid REFERENCES gateway.team (id),
        hash                  text NOT NULL,
        prefix                text NOT NULL,
        scopes                text[] NOT NULL,
        is_admin              boolean NOT NULL,
        rate_limit_per_second integer NOT NULL,
        created_at            timestamptz NOT NULL,
        revoked_at            timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX api_key_hash_idx ON gateway.api_key (hash)`);
    await q.query(`
      CREATE TABLE gateway.account (
        id                 uuid PRIMARY KEY,
        team_id            uuid NOT NULL REFERENCES gateway.team (id),
        type               text NOT NULL,
        external_id        text NOT NULL,
        display_name       text NOT NULL,
        avatar_url         text,
        status             text NOT NULL,
        status_reason      text,
        is_main            boolean NOT NULL,
        member_id          uuid,
        end_user_id        text,
        metadata           jsonb NOT NULL DEFAULT '{}'::jsonb,
        connected_at       timestamptz NOT NULL,
        expires_at         timestamptz,
        last_refreshed_at  timestamptz,
        last_error         text,
        credential_version integer NOT NULL,
        updated_at         timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX account_team_idx ON gateway.account (team_id, connected_at, id)`);
    await createBusTables(q, 'gateway');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropBusTables(q, 'gateway');
    await q.query(`DROP TABLE gateway.account, gateway.api_key, gateway.member, gateway.team`);
  }
}

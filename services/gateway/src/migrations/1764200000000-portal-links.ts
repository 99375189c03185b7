import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hosted pages: each portal or accounts-page link (its settings, its expiry) and each connection
 * attempt started from a portal (what it counts toward the link's cap, how it ended).
 */
export class PortalLinks1764200000000 implements MigrationInterface {
  name = 'PortalLinks1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE gateway.page_link (
        id          uuid PRIMARY KEY,
        team_id     uuid NOT NULL REFERENCES gateway.team (id),
        kind        text NOT NULL CHECK (kind IN ('portal', 'accounts')),
        settings    jsonb NOT NULL,
        expires_at  timestamptz NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX page_link_team_idx ON gateway.page_link (team_id, created_at)`);
    await q.query(`
      CREATE TABLE gateway.page_attempt (
        id            uuid PRIMARY KEY,
        link_id       uuid NOT NULL REFERENCES gateway.page_link (id),
        type          text NOT NULL,
        account_id    uuid,
        language      text NOT NULL,
        status        text NOT NULL CHECK (status IN ('launched', 'selecting', 'succeeded', 'failed')),
        connected     integer NOT NULL DEFAULT 0,
        outcome       jsonb,
        created_at    timestamptz NOT NULL DEFAULT now(),
        completed_at  timestamptz
      )`);
    await q.query(`CREATE INDEX page_attempt_link_idx ON gateway.page_attempt (link_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE gateway.page_attempt`);
    await q.query(`DROP TABLE gateway.page_link`);
  }
}

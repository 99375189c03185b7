import { Injectable } from '@nestjs/common';
import type { AccountConnectedV1 } from '@switchboard/contracts';
import type { EntityManager } from 'typeorm';

export interface KnownAccount {
  connection_id: string;
  team_id: string;
  type: string;
  external_id: string;
  display_name: string;
  avatar_url: string | null;
  member_id: string | null;
}

/** What the notifier knows about accounts, to name them in messages. */
@Injectable()
export class AccountsProjection {
  async upsert(d: AccountConnectedV1['data'], tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO notifier.account (connection_id, team_id, type, external_id, display_name, avatar_url, member_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (connection_id) DO UPDATE SET display_name = EXCLUDED.display_name,
         avatar_url = EXCLUDED.avatar_url, member_id = COALESCE(EXCLUDED.member_id, notifier.account.member_id), updated_at = now()`,
      [d.connectionId, d.teamId, d.type, d.externalId, d.displayName, d.avatarUrl, d.memberId],
    );
  }

  async find(connectionId: string, tx: EntityManager): Promise<KnownAccount | null> {
    const rows: KnownAccount[] = await tx.query(
      `SELECT * FROM notifier.account WHERE connection_id = $1`,
      [connectionId],
    );
    return rows[0] ?? null;
  }
}

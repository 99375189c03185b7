import { Injectable } from '@nestjs/common';
import type { AccountConnectedV1, Metadata } from '@switchboard/contracts';
import type { EntityManager } from 'typeorm';

export interface KnownAccount {
  connection_id: string;
  team_id: string;
  type: string;
  external_id: string;
  display_name: string;
  avatar_url: string | null;
  member_id: string | null;
  end_user_id: string | null;
  metadata: Metadata;
  credential_version: number;
}

/** What the notifier knows about accounts, to name them in messages and webhook bodies. */
@Injectable()
export class AccountsProjection {
  async upsert(d: AccountConnectedV1['data'], tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO notifier.account AS a (connection_id, team_id, type, external_id, display_name, avatar_url,
         member_id, end_user_id, metadata, credential_version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
       ON CONFLICT (connection_id) DO UPDATE SET display_name = EXCLUDED.display_name,
         avatar_url = EXCLUDED.avatar_url, member_id = COALESCE(EXCLUDED.member_id, a.member_id),
         end_user_id = COALESCE(EXCLUDED.end_user_id, a.end_user_id), metadata = EXCLUDED.metadata,
         credential_version = GREATEST(a.credential_version, EXCLUDED.credential_version), updated_at = now()`,
      [
        d.connectionId,
        d.teamId,
        d.type,
        d.externalId,
        d.displayName,
        d.avatarUrl,
        d.memberId,
        d.endUserId,
        JSON.stringify(d.metadata),
        d.credentialVersion,
      ],
    );
  }

  async find(connectionId: string, tx: EntityManager): Promise<KnownAccount | null> {
    const rows: KnownAccount[] = await tx.query(
      `SELECT connection_id, team_id, type, external_id, display_name, avatar_url, member_id,
         end_user_id, metadata, credential_version
       FROM notifier.account WHERE connection_id = $1`,
      [connectionId],
    );
    return rows[0] ?? null;
  }

  /** Like find, but an unknown account means its connect event is still on its way: retry later. */
  async require(connectionId: string, tx: EntityManager): Promise<KnownAccount> {
    const account = await this.find(connectionId, tx);
    if (!account) throw new Error(`account ${connectionId} not known yet`);
    return account;
  }
}

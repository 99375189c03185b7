import { Inject, Injectable } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  OAuthTeamAppDelete,
  OAuthTeamAppGet,
  OAuthTeamAppPut,
  VaultAppPut,
  type PlatformType,
  type RpcReply,
  type RpcRequest,
  type TeamAppView,
} from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { PLATFORM_CATALOG } from '@switchboard/providers';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

interface TeamAppRow {
  app_key: string;
  team_id: string;
  type: string;
  client_id: string;
  created_at: Date;
  updated_at: Date;
}

/**
 * "Bring your own app": a team's developer app for one platform, used for that team's flows (its
 * client id in the authorization URL), and — through the app key stored with each credential —
 * for the refreshes and revocations of what was connected with it. Replacing it (another client
 * id) or deleting it affects new flows only: connections made with the old app keep using it, as
 * their tokens belong to it. The secret is sealed in the vault, never shown again.
 */
@Injectable()
export class TeamAppsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(RpcClient) private readonly rpc: RpcClient,
  ) {}

  async put(req: RpcRequest<typeof OAuthTeamAppPut>): Promise<RpcReply<typeof OAuthTeamAppPut>> {
    assertTeamAppPlatform(req.type);
    const appKey = teamAppKey(req.teamId, req.type, req.clientId);
    await this.rpc.call(VaultAppPut, {
      appKey,
      type: req.type,
      clientId: req.clientId,
      clientSecret: req.clientSecret,
      serverUrl: null,
      pkce: false,
    });
    const rows: TeamAppRow[] = await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE oauth.app SET active = false, updated_at = now()
          WHERE kind = 'team' AND team_id = $1 AND type = $2 AND active AND app_key <> $3`,
        [req.teamId, req.type, appKey],
      );
      return tx.query(
        `INSERT INTO oauth.app (app_key, kind, team_id, type, client_id, active)
         VALUES ($1, 'team', $2, $3, $4, true)
         ON CONFLICT (app_key) DO UPDATE SET active = true, updated_at = now()
         RETURNING app_key, team_id, type, client_id, created_at, updated_at`,
        [appKey, req.teamId, req.type, req.clientId],
      );
    });
    return view(rows[0]);
  }

  async get(req: RpcRequest<typeof OAuthTeamAppGet>): Promise<RpcReply<typeof OAuthTeamAppGet>> {
    const row = await this.active(req.teamId, req.type);
    return { app: row ? view(row) : null };
  }

  async delete(
    req: RpcRequest<typeof OAuthTeamAppDelete>,
  ): Promise<RpcReply<typeof OAuthTeamAppDelete>> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE oauth.app SET active = false, updated_at = now()
        WHERE kind = 'team' AND team_id = $1 AND type = $2 AND active`,
      [req.teamId, req.type],
    );
    return { deleted: result[1] > 0 };
  }

  /** The app key of the team's app in use for this platform, or null (the deployment's app). */
  async activeKey(teamId: string, type: string): Promise<string | null> {
    return (await this.active(teamId, type))?.app_key ?? null;
  }

  private async active(teamId: string, type: string): Promise<TeamAppRow | null> {
    const rows: TeamAppRow[] = await this.dataSource.query(
      `SELECT app_key, team_id, type, client_id, created_at, updated_at FROM oauth.app
        WHERE kind = 'team' AND team_id = $1 AND type = $2 AND active`,
      [teamId, type],
    );
    return rows[0] ?? null;
  }
}

/** `team-<32 hex>`: stable per team, platform and client id; the rate-budget key of the app. */
export function teamAppKey(teamId: string, type: string, clientId: string): string {
  const digest = createHash('sha256').update(`${teamId}|${type}|${clientId}`).digest('hex');
  return `team-${digest.slice(0, 32)}`;
}

/** Built-in OAuth platforms with one developer app: not Mastodon (per instance), not Telegram. */
function assertTeamAppPlatform(type: PlatformType): void {
  const definition = PLATFORM_CATALOG.get(type);
  if (!definition || (definition.app ?? 'deployment') !== 'deployment') {
    throw new CodedError(
      ErrorCodes.validation,
      `${type} takes no team app: ${
        definition?.app === 'instance'
          ? 'an app is registered on each instance'
          : definition?.app === 'none'
            ? 'it has no developer app'
            : 'custom providers carry their own client'
      }`,
    );
  }
}

function view(row: TeamAppRow): TeamAppView {
  return {
    teamId: row.team_id,
    type: row.type as PlatformType,
    clientId: row.client_id,
    appKey: row.app_key,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

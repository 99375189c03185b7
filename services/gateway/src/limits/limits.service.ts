import { Inject, Injectable } from '@nestjs/common';
import { GatewayLimitsReserve, type RpcReply, type RpcRequest } from '@switchboard/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { GATEWAY_ENV, type GatewayEnv } from '../config';
import { TeamsService } from '../teams/teams.service';
import { parsePlanLimits, type PlanLimits } from './plan-limits';

const SLOT_TTL = '15 minutes';

type ReserveRequest = RpcRequest<typeof GatewayLimitsReserve>;
type ReserveReply = RpcReply<typeof GatewayLimitsReserve>;

/**
 * Plan limits that hold under concurrency: counting and reserving happen under a transaction-level
 * advisory lock per team and platform, so twenty parallel connects cannot all slip through. The
 * connected-elsewhere rule (`ACCOUNT_CONNECTED_ELSEWHERE=refuse`) works the same way, under a lock
 * per platform and external account taken first (always in that order, so no deadlock).
 */
@Injectable()
export class LimitsService {
  private readonly limits: PlanLimits;
  private readonly refuseElsewhere: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: TeamsService,
    @Inject(GATEWAY_ENV) env: GatewayEnv,
  ) {
    this.limits = parsePlanLimits(env.PLAN_LIMITS);
    this.refuseElsewhere = env.ACCOUNT_CONNECTED_ELSEWHERE === 'refuse';
  }

  limitFor(plan: keyof PlanLimits): number | null {
    return this.limits[plan];
  }

  async reserve(req: ReserveRequest): Promise<ReserveReply> {
    const team = await this.teams.get(req.teamId);
    const limit = this.limits[team.plan];
    const checkElsewhere = this.refuseElsewhere && req.externalId !== undefined;
    if (limit === null && !checkElsewhere) return { allowed: true, limit };
    return this.dataSource.transaction(async (tx) => {
      if (checkElsewhere && (await this.connectedElsewhere(tx, req))) {
        return { allowed: false, limit, refusal: 'account-connected-elsewhere' as const };
      }
      if (limit !== null && (await this.used(tx, req)) >= limit) {
        return { allowed: false, limit, refusal: 'limit-reached' as const };
      }
      await tx.query(
        `INSERT INTO gateway.connection_slot (connection_id, team_id, type, external_id)
         VALUES ($1, $2, $3, $4) ON CONFLICT (connection_id) DO NOTHING`,
        [req.connectionId, req.teamId, req.type, req.externalId ?? null],
      );
      return { allowed: true, limit };
    });
  }

  /** Whether another team has this external account (connected, or being connected right now). */
  private async connectedElsewhere(tx: EntityManager, req: ReserveRequest): Promise<boolean> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `elsewhere:${req.type}:${req.externalId}`,
    ]);
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM gateway.account WHERE type = $1 AND external_id = $2 AND team_id <> $3
         AND status <> 'DISCONNECTED'
       UNION ALL
       SELECT 1 FROM gateway.connection_slot s WHERE s.type = $1 AND s.external_id = $2
         AND s.team_id <> $3 AND s.reserved_at > now() - interval '${SLOT_TTL}'
         AND NOT EXISTS (SELECT 1 FROM gateway.account a WHERE a.id = s.connection_id)
       LIMIT 1`,
      [req.type, req.externalId, req.teamId],
    );
    return rows.length > 0;
  }

  /** Accounts of this platform in the team, plus slots reserved for connections in flight. */
  private async used(tx: EntityManager, req: ReserveRequest): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `limit:${req.teamId}:${req.type}`,
    ]);
    const rows: { n: string }[] = await tx.query(
      `SELECT
         (SELECT count(*) FROM gateway.account WHERE team_id = $1 AND type = $2 AND status <> 'DISCONNECTED' AND id <> $3)
       + (SELECT count(*) FROM gateway.connection_slot s WHERE s.team_id = $1 AND s.type = $2 AND s.connection_id <> $3
            AND s.reserved_at > now() - interval '${SLOT_TTL}'
            AND NOT EXISTS (SELECT 1 FROM gateway.account a WHERE a.id = s.connection_id)) AS n`,
      [req.teamId, req.type, req.connectionId],
    );
    return Number(rows[0]?.n ?? 0);
  }
}

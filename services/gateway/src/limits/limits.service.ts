import { Inject, Injectable } from '@nestjs/common';
import { GatewayLimitsReserve, type RpcReply, type RpcRequest } from '@switchboard/contracts';
import { DataSource } from 'typeorm';
import { GATEWAY_ENV, type GatewayEnv } from '../config';
import { TeamsService } from '../teams/teams.service';
import { parsePlanLimits, type PlanLimits } from './plan-limits';

const SLOT_TTL = '15 minutes';

/**
 * Plan limits that hold under concurrency: counting and reserving happen under a transaction-level
 * advisory lock per team and platform, so twenty parallel connects cannot all slip through.
 */
@Injectable()
export class LimitsService {
  private readonly limits: PlanLimits;

  constructor(
    private readonly dataSource: DataSource,
    private readonly teams: TeamsService,
    @Inject(GATEWAY_ENV) env: GatewayEnv,
  ) {
    this.limits = parsePlanLimits(env.PLAN_LIMITS);
  }

  limitFor(plan: keyof PlanLimits): number | null {
    return this.limits[plan];
  }

  async reserve(
    req: RpcRequest<typeof GatewayLimitsReserve>,
  ): Promise<RpcReply<typeof GatewayLimitsReserve>> {
    const team = await this.teams.get(req.teamId);
    const limit = this.limits[team.plan];
    if (limit === null) return { allowed: true, limit };
    return this.dataSource.transaction(async (tx) => {
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
      if (Number(rows[0]?.n ?? 0) >= limit) return { allowed: false, limit };
      await tx.query(
        `INSERT INTO gateway.connection_slot (connection_id, team_id, type) VALUES ($1, $2, $3) ON CONFLICT (connection_id) DO NOTHING`,
        [req.connectionId, req.teamId, req.type],
      );
      return { allowed: true, limit };
    });
  }
}

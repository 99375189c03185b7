import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CodedError, ErrorCodes } from '@switchboard/contracts';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { GATEWAY_ENV, type GatewayEnv } from '../config';
import { ApiKeyEntity, API_SCOPES } from './api-key.entity';
import type { Principal } from './principal';

const CACHE_TTL_MS = 30_000;

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export interface ApiKeyView {
  id: string;
  teamId: string | null;
  prefix: string;
  scopes: string[];
  isAdmin: boolean;
  rateLimitPerSecond: number;
  createdAt: string;
}

/** Keys are 256-bit random strings; a SHA-256 lookup plus an in-memory cache authenticates them. */
@Injectable()
export class ApiKeysService implements OnApplicationBootstrap {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const key = this.env.SWITCHBOARD_ADMIN_API_KEY;
    if (!key) return;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ApiKeyEntity)
      .values({
        id: randomUUID(),
        teamId: null,
        hash: hashKey(key),
        prefix: key.slice(0, 6),
        scopes: [...API_SCOPES],
        isAdmin: true,
        rateLimitPerSecond: 0,
        createdAt: new Date(),
        revokedAt: null,
      })
      .orIgnore()
      .execute();
  }

  async authenticate(key: string): Promise<Principal | null> {
    const hash = hashKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    const row = await this.dataSource.manager.findOne(ApiKeyEntity, {
      where: { hash, revokedAt: IsNull() },
    });
    const principal: Principal | null = row
      ? {
          keyId: row.id,
          teamId: row.teamId,
          isAdmin: row.isAdmin,
          scopes: new Set(row.scopes),
          rateLimitPerSecond: row.rateLimitPerSecond,
        }
      : null;
    this.cache.set(hash, { principal, until: Date.now() + CACHE_TTL_MS });
    return principal;
  }

  async create(
    teamId: string,
    scopes: string[],
    rateLimitPerSecond: number,
  ): Promise<{ id: string; key: string }> {
    const key = `sbk_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    await this.dataSource.manager.insert(ApiKeyEntity, {
      id,
      teamId,
      hash: hashKey(key),
      prefix: key.slice(0, 8),
      scopes,
      isAdmin: false,
      rateLimitPerSecond,
      createdAt: new Date(),
      revokedAt: null,
    });
    return { id, key };
  }

  async list(teamId: string): Promise<ApiKeyView[]> {
    const rows = await this.dataSource.manager.find(ApiKeyEntity, {
      where: { teamId, revokedAt: IsNull() },
      order: { createdAt: 'ASC' },
    });
    return rows.map((r) => ({
      id: r.id,
      teamId: r.teamId,
      prefix: r.prefix,
      scopes: r.scopes,
      isAdmin: r.isAdmin,
      rateLimitPerSecond: r.rateLimitPerSecond,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async findTeamOf(id: string): Promise<string | null> {
    const row = await this.dataSource.manager.findOne(ApiKeyEntity, {
      where: { id, revokedAt: IsNull() },
    });
    if (!row) throw new CodedError(ErrorCodes.notFound, 'not found');
    return row.teamId;
  }

  async revoke(id: string): Promise<void> {
    const row = await this.dataSource.manager.findOne(ApiKeyEntity, { where: { id } });
    if (!row) throw new CodedError(ErrorCodes.notFound, 'not found');
    await this.dataSource.manager.update(ApiKeyEntity, { id }, { revokedAt: new Date() });
    this.cache.delete(row.hash);
  }
}

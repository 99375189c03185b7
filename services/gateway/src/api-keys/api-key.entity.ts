import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const API_SCOPES = [
  'accounts:read',
  'accounts:write',
  'tokens:read',
  'webhooks:write',
  'providers:write',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** An API key, stored only as its SHA-256 hash. */
@Entity({ name: 'api_key' })
@Index('api_key_hash_idx', ['hash'], { unique: true })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Null for admin keys, which may act on every team. */
  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId!: string | null;

  @Column({ type: 'text' })
  hash!: string;

  @Column({ type: 'text' })
  prefix!: string;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ name: 'is_admin', type: 'boolean' })
  isAdmin!: boolean;

  @Column({ name: 'rate_limit_per_second', type: 'integer' })
  rateLimitPerSecond!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}

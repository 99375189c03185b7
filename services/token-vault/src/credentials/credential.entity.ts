import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type CredentialStatus = 'active' | 'reauth_required' | 'revoked';

/** One connection's tokens, sealed. Nothing here is readable without the key ring. */
@Entity({ name: 'credential' })
@Index('credential_team_idx', ['teamId'])
@Index('credential_kek_idx', ['kekId'])
export class CredentialEntity {
  @PrimaryColumn({ name: 'connection_id', type: 'uuid' })
  connectionId!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'external_id', type: 'text' })
  externalId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  status!: CredentialStatus;

  @Column({ name: 'kek_id', type: 'text', nullable: true })
  kekId!: string | null;

  @Column({ name: 'wrapped_key', type: 'bytea', nullable: true })
  wrappedKey!: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  iv!: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  ciphertext!: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  tag!: Buffer | null;

  @Column({ name: 'token_type', type: 'text' })
  tokenType!: string;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'refresh_expires_at', type: 'timestamptz', nullable: true })
  refreshExpiresAt!: Date | null;

  @Column({ type: 'boolean' })
  refreshable!: boolean;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'refreshed_at', type: 'timestamptz', nullable: true })
  refreshedAt!: Date | null;

  /** Fencing token: grows by one each time the refresh lock is taken. */
  @Column({ name: 'lock_token', type: 'bigint', default: 0 })
  lockToken!: string;

  @Column({ name: 'lock_until', type: 'timestamptz', nullable: true })
  lockUntil!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

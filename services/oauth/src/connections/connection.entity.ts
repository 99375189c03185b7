import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Which external account each connection id stands for (reconnects must match it). */
@Entity({ name: 'connection' })
@Index('connection_team_type_external_idx', ['teamId', 'type', 'externalId'], { unique: true })
export class ConnectionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'external_id', type: 'text' })
  externalId!: string;

  /** The user-level grant in the vault this connection's channel was chosen from, if any. */
  @Column({ name: 'grant_id', type: 'uuid', nullable: true })
  grantId!: string | null;

  /** The platform's id of the user who authorized (for the platform's deauthorize callbacks). */
  @Column({ name: 'grant_user_id', type: 'text', nullable: true })
  grantUserId!: string | null;

  /** The developer app its tokens were issued to; null: the deployment's. */
  @Column({ name: 'app_key', type: 'text', nullable: true })
  appKey!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type FlowStatus = 'created' | 'launched' | 'completing' | 'completed' | 'failed';

/** One authorization attempt: single use, short-lived, bound to a browser and a team. */
@Entity({ name: 'flow' })
@Index('flow_state_hash_idx', ['stateHash'], { unique: true })
@Index('flow_browser_idx', ['browserHash', 'createdAt'])
export class FlowEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'redirect_url', type: 'text' })
  redirectUrl!: string;

  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId!: string | null;

  @Column({ name: 'end_user_id', type: 'text', nullable: true })
  endUserId!: string | null;

  @Column({ type: 'jsonb' })
  metadata!: Record<string, string | number | boolean | null>;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ name: 'reconnect_connection_id', type: 'uuid', nullable: true })
  reconnectConnectionId!: string | null;

  @Column({ name: 'launch_token_hash', type: 'text' })
  launchTokenHash!: string;

  @Column({ name: 'state_hash', type: 'text', nullable: true })
  stateHash!: string | null;

  @Column({ name: 'browser_hash', type: 'text', nullable: true })
  browserHash!: string | null;

  /** The PKCE verifier, kept only until the code exchange. */
  @Column({ name: 'code_verifier', type: 'text', nullable: true })
  codeVerifier!: string | null;

  @Column({ name: 'redirect_uri', type: 'text', nullable: true })
  redirectUri!: string | null;

  /** The developer app this flow uses (a team's own, a Mastodon instance's); null: the deployment's. */
  @Column({ name: 'app_key', type: 'text', nullable: true })
  appKey!: string | null;

  /**
   * Per-user discovery state (Bluesky: DID, PDS, authorization server, then the DPoP key);
   * holds a key, so it is dropped with the flow and never logged.
   */
  @Column({ type: 'jsonb', nullable: true })
  context!: object | null;

  @Column({ type: 'text' })
  status!: FlowStatus;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PLANS = ['free', 'starter', 'professional', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

@Entity({ name: 'team' })
export class TeamEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  plan!: Plan;

  @Column({ name: 'allowed_redirect_origins', type: 'text', array: true })
  allowedRedirectOrigins!: string[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

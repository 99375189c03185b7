import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person on a team who is notified about its accounts. */
@Entity({ name: 'member' })
@Index('member_team_idx', ['teamId'])
export class MemberEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text' })
  locale!: string;

  @Column({ type: 'text' })
  role!: 'admin' | 'member';

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

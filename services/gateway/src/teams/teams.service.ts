import { Injectable } from '@nestjs/common';
import { CodedError, ErrorCodes, type Recipient } from '@switchboard/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { MemberEntity } from './member.entity';
import { TeamEntity } from './team.entity';
import type { CreateMemberBody, CreateTeamBody } from './teams.dto';

export interface TeamView {
  id: string;
  name: string;
  plan: string;
  allowedRedirectOrigins: string[];
  createdAt: string;
}

export interface MemberView {
  id: string;
  teamId: string;
  email: string;
  name: string | null;
  locale: string;
  role: string;
  createdAt: string;
}

@Injectable()
export class TeamsService {
  constructor(private readonly dataSource: DataSource) {}

  async create(body: z.infer<typeof CreateTeamBody>): Promise<TeamView> {
    const team: TeamEntity = {
      id: randomUUID(),
      name: body.name,
      plan: body.plan,
      allowedRedirectOrigins: body.allowedRedirectOrigins.map((o) => o.replace(/\/$/, '')),
      createdAt: new Date(),
    };
    await this.dataSource.manager.insert(TeamEntity, team);
    return teamView(team);
  }

  async get(id: string): Promise<TeamEntity> {
    const team = await this.dataSource.manager.findOne(TeamEntity, { where: { id } });
    if (!team) throw new CodedError(ErrorCodes.notFound, 'not found');
    return team;
  }

  async addMember(teamId: string, body: z.infer<typeof CreateMemberBody>): Promise<MemberView> {
    await this.get(teamId);
    const member: MemberEntity = {
      id: randomUUID(),
      teamId,
      email: body.email,
      name: body.name ?? null,
      locale: body.locale,
      role: body.role,
      createdAt: new Date(),
    };
    await this.dataSource.manager.insert(MemberEntity, member);
    return memberView(member);
  }

  async findMember(teamId: string, memberId: string): Promise<MemberEntity | null> {
    return this.dataSource.manager.findOne(MemberEntity, { where: { id: memberId, teamId } });
  }

  /** The member who connected the account plus the team's admins, each once. */
  async recipients(teamId: string, memberId: string | null): Promise<Recipient[]> {
    const members = await this.dataSource.manager.find(MemberEntity, {
      where: { teamId },
      order: { createdAt: 'ASC' },
    });
    return members
      .filter((m) => m.role === 'admin' || m.id === memberId)
      .map((m) => ({
        memberId: m.id,
        email: m.email,
        name: m.name,
        locale: m.locale,
        role: m.role,
      }));
  }
}

export function teamView(team: TeamEntity): TeamView {
  return {
    id: team.id,
    name: team.name,
    plan: team.plan,
    allowedRedirectOrigins: team.allowedRedirectOrigins,
    createdAt: team.createdAt.toISOString(),
  };
}

function memberView(m: MemberEntity): MemberView {
  return {
    id: m.id,
    teamId: m.teamId,
    email: m.email,
    name: m.name,
    locale: m.locale,
    role: m.role,
    createdAt: m.createdAt.toISOString(),
  };
}

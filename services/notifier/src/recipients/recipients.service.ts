import { Inject, Injectable } from '@nestjs/common';
import { GatewayRecipientsGet, type NoticeKind, type Recipient } from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import type { EntityManager } from 'typeorm';
import { NOTIFIER_ENV, type NotifierEnv } from '../config';
import { PreferencesRepository } from '../preferences/preferences.repository';

const CACHE_MAX_ENTRIES = 10_000;

/** Who hears about something: the owner, the owner and the admins, or the admins alone. */
export type Audience = 'owner-and-admins' | 'owner-only' | 'admins';

export interface ResolvedRecipient {
  memberId: string;
  address: string;
  name: string | null;
  locale: string;
  role: 'admin' | 'member';
  email: boolean;
  inApp: boolean;
}

/**
 * Members from the gateway (the one who connected the account plus the admins), narrowed by the
 * team's setting (admins included or not) and each member's preferences for this kind.
 */
@Injectable()
export class RecipientsService {
  /** Team members change rarely; a burst of events for one team asks the gateway once. */
  private readonly cache = new Map<string, { until: number; recipients: Recipient[] }>();

  constructor(
    private readonly rpc: RpcClient,
    private readonly preferences: PreferencesRepository,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
  ) {}

  async resolve(
    tx: EntityManager,
    teamId: string,
    ownerId: string | null,
    audience: Audience,
    kind: NoticeKind,
  ): Promise<ResolvedRecipient[]> {
    if (audience === 'owner-only' && !ownerId) return [];
    const members = await this.members(teamId, audience === 'admins' ? null : ownerId);
    const { notifyAdmins, preferences } = await this.preferences.forRecipients(
      teamId,
      members.map((r) => r.memberId),
      kind,
      tx,
    );
    return pick(members, ownerId, audience, notifyAdmins)
      .map((r) => {
        const p = preferences.get(r.memberId);
        return {
          memberId: r.memberId,
          address: r.email,
          name: r.name,
          locale: r.locale,
          role: r.role,
          email: p?.email ?? true,
          inApp: p?.inApp ?? true,
        };
      })
      .filter((r) => r.email || r.inApp);
  }

  /** Drops what this replica remembers of a team's members (one was erased). */
  forgetTeam(teamId: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${teamId}:`)) this.cache.delete(key);
  }

  private async members(teamId: string, memberId: string | null): Promise<Recipient[]> {
    const key = `${teamId}:${memberId ?? ''}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.recipients;
    const { recipients } = await this.rpc.call(GatewayRecipientsGet, { teamId, memberId });
    if (this.env.RECIPIENTS_CACHE_MS > 0) {
      if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
      this.cache.set(key, { until: Date.now() + this.env.RECIPIENTS_CACHE_MS, recipients });
    }
    return recipients;
  }
}

function pick(
  all: Recipient[],
  ownerId: string | null,
  audience: Audience,
  notifyAdmins: boolean,
): Recipient[] {
  const owner = all.filter((r) => r.memberId === ownerId);
  switch (audience) {
    case 'owner-only':
      return owner;
    case 'admins':
      return all.filter((r) => r.role === 'admin');
    case 'owner-and-admins':
      // without a known owner the admins are told even when the team opted them out
      return owner.length > 0 && !notifyAdmins ? owner : all;
  }
}

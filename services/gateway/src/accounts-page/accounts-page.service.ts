import { Injectable } from '@nestjs/common';
import { NotifierInboxQuery, type Notice } from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { DataSource } from 'typeorm';
import { AccountEntity } from '../accounts/account.entity';
import type { PageLink } from '../portal/page-links.service';
import type { AccountsPageSettings } from '../portal/page-link.dto';

const MAX_ACCOUNTS = 500;
const MAX_NOTICES = 30;

/** What an accounts-page link may see and touch: its team, narrowed to a member or end user. */
@Injectable()
export class AccountsPageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: RpcClient,
  ) {}

  /** The link's accounts, oldest first; disconnected ones are gone from the page. */
  async accounts(link: PageLink<AccountsPageSettings>): Promise<AccountEntity[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(AccountEntity, 'a')
      .where('a.team_id = :teamId', { teamId: link.teamId })
      .andWhere(`a.status <> 'DISCONNECTED'`)
      .orderBy('a.connected_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(MAX_ACCOUNTS);
    if (link.settings.memberId)
      qb.andWhere('a.member_id = :memberId', { memberId: link.settings.memberId });
    if (link.settings.endUserId)
      qb.andWhere('a.end_user_id = :endUserId', { endUserId: link.settings.endUserId });
    return qb.getMany();
  }

  /** One of the link's accounts, or null (another team's, member's or end user's id). */
  async account(
    link: PageLink<AccountsPageSettings>,
    id: unknown,
    evenDisconnected = false,
  ): Promise<AccountEntity | null> {
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    const row = await this.dataSource.manager.findOne(AccountEntity, { where: { id } });
    if (!row || row.teamId !== link.teamId) return null;
    if (row.status === 'DISCONNECTED' && !evenDisconnected) return null;
    if (link.settings.memberId && row.memberId !== link.settings.memberId) return null;
    if (link.settings.endUserId && row.endUserId !== link.settings.endUserId) return null;
    return row;
  }

  /** Unread in-app notices of the team (or of the link's member), newest first. */
  async notices(link: PageLink<AccountsPageSettings>, accountIds: Set<string>): Promise<Notice[]> {
    const { items } = await this.rpc.call(NotifierInboxQuery, {
      teamId: link.teamId,
      memberId: link.settings.memberId,
      connectionId: null,
      unreadOnly: true,
      limit: 500,
      cursor: null,
    });
    // an end user's page shows only notices about their own accounts
    const mine = link.settings.endUserId
      ? items.filter((n) => n.connectionId !== null && accountIds.has(n.connectionId))
      : items;
    return mine.reverse().slice(0, MAX_NOTICES);
  }
}

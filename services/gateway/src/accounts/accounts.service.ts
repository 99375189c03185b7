import { Injectable } from '@nestjs/common';
import { CodedError, ErrorCodes, VaultTokenGet, type RpcReply } from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { AccountEntity } from './account.entity';
import { accountView, type AccountView } from './account.view';

@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: RpcClient,
  ) {}

  async list(
    teamId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: AccountView[]; nextCursor: string | null }> {
    const after = cursor ? decodeCursor(cursor) : null;
    const qb = this.dataSource.manager
      .createQueryBuilder(AccountEntity, 'a')
      .where('a.team_id = :teamId', { teamId })
      .orderBy('a.connected_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(limit + 1);
    if (after) qb.andWhere('(a.connected_at, a.id) > (:at, :id)', { at: after.at, id: after.id });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(accountView),
      nextCursor: rows.length > limit && last ? encodeCursor(last.connectedAt, last.id) : null,
    };
  }

  async find(id: string, teamId: string | null): Promise<AccountEntity> {
    const row = await this.dataSource.manager.findOne(AccountEntity, { where: { id } });
    if (!row || (teamId !== null && row.teamId !== teamId))
      throw new CodedError(ErrorCodes.notFound, 'not found');
    return row;
  }

  async token(account: AccountEntity): Promise<RpcReply<typeof VaultTokenGet>> {
    if (account.status === 'DISCONNECTED')
      throw new CodedError(ErrorCodes.notFound, 'the account was disconnected');
    return this.rpc.call(VaultTokenGet, {
      connectionId: account.id,
      teamId: account.teamId,
      purpose: 'api',
    });
  }
}

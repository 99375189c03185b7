import { Controller } from '@nestjs/common';
import {
  NotifierInboxList,
  NotifierInboxMarkAllRead,
  NotifierInboxMarkRead,
  NotifierInboxQuery,
  type Notification,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { LiveNoticesPublisher } from '../live/live-notices.publisher';
import { InboxRepository } from './inbox.repository';

@Controller()
export class InboxController {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly live: LiveNoticesPublisher,
  ) {}

  /** v1 listing, kept for existing callers; `notifier.inbox.query` is the richer one. */
  @RpcHandler(NotifierInboxList)
  async list(
    req: RpcRequest<typeof NotifierInboxList>,
  ): Promise<RpcReply<typeof NotifierInboxList>> {
    const page = await this.inbox.page(
      { teamId: req.teamId, memberId: req.memberId, connectionId: null, unreadOnly: false },
      req.limit,
      req.cursor,
    );
    return {
      items: page.items.map((n): Notification => ({
        id: n.id,
        teamId: n.teamId,
        memberId: n.memberId,
        connectionId: n.connectionId,
        kind: n.kind,
        title: n.title,
        body: n.body,
        createdAt: n.createdAt,
        readAt: n.readAt,
      })),
      nextCursor: page.nextCursor,
    };
  }

  @RpcHandler(NotifierInboxQuery)
  async query(
    req: RpcRequest<typeof NotifierInboxQuery>,
  ): Promise<RpcReply<typeof NotifierInboxQuery>> {
    const filter = {
      teamId: req.teamId,
      memberId: req.memberId,
      connectionId: req.connectionId,
      unreadOnly: req.unreadOnly,
    };
    const [page, unreadCount] = await Promise.all([
      this.inbox.page(filter, req.limit, req.cursor),
      this.inbox.unreadCount(filter),
    ]);
    return { ...page, unreadCount };
  }

  @RpcHandler(NotifierInboxMarkRead)
  async markRead(
    req: RpcRequest<typeof NotifierInboxMarkRead>,
  ): Promise<RpcReply<typeof NotifierInboxMarkRead>> {
    const { notice, changed } = await this.inbox.markRead(req.teamId, req.id);
    if (changed) this.live.publish('read', notice);
    return notice;
  }

  @RpcHandler(NotifierInboxMarkAllRead)
  async markAllRead(
    req: RpcRequest<typeof NotifierInboxMarkAllRead>,
  ): Promise<RpcReply<typeof NotifierInboxMarkAllRead>> {
    const notices = await this.inbox.markAllRead(req.teamId, req.memberId);
    for (const n of notices) this.live.publish('read', n);
    return { updated: notices.length };
  }
}

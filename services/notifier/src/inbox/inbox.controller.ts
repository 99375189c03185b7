import { Controller } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  NotifierInboxList,
  type Notification,
  type RpcReply,
  type RpcRequest,
} from '@switchboard/contracts';
import { RpcHandler } from '@switchboard/platform';
import { DataSource } from 'typeorm';

interface NotificationRow {
  id: string;
  team_id: string;
  member_id: string | null;
  connection_id: string | null;
  kind: string;
  title: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

@Controller()
export class InboxController {
  constructor(private readonly dataSource: DataSource) {}

  @RpcHandler(NotifierInboxList)
  async list(
    req: RpcRequest<typeof NotifierInboxList>,
  ): Promise<RpcReply<typeof NotifierInboxList>> {
    const after = req.cursor ? decode(req.cursor) : null;
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT * FROM notifier.notification
       WHERE team_id = $1 AND ($2::uuid IS NULL OR member_id = $2)
         AND ($3::timestamptz IS NULL OR (created_at, id) > ($3::timestamptz, $4::uuid))
       ORDER BY created_at, id LIMIT $5`,
      [req.teamId, req.memberId, after?.at ?? null, after?.id ?? null, req.limit + 1],
    );
    const page = rows.slice(0, req.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toNotification),
      nextCursor:
        rows.length > req.limit && last
          ? Buffer.from(
              JSON.stringify([new Date(last.created_at).toISOString(), last.id]),
            ).toString('base64url')
          : null,
    };
  }
}

function toNotification(r: NotificationRow): Notification {
  return {
    id: r.id,
    teamId: r.team_id,
    memberId: r.member_id,
    connectionId: r.connection_id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}

function decode(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    if (Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad');
    return { at, id };
  } catch {
    throw new CodedError(ErrorCodes.validation, 'cursor: not a cursor this API returned');
  }
}

import { Injectable } from '@nestjs/common';
import { CodedError, ErrorCodes, type Notice } from '@switchboard/contracts';
import { DataSource } from 'typeorm';
import { updateReturning } from '../db/update-returning';

interface NotificationRow {
  id: string;
  team_id: string;
  member_id: string | null;
  connection_id: string | null;
  kind: string;
  title: string;
  body: string;
  severity: Notice['severity'];
  locale: string;
  action_url: string | null;
  created_at: Date;
  read_at: Date | null;
}

export interface InboxFilter {
  teamId: string;
  memberId: string | null;
  connectionId: string | null;
  unreadOnly: boolean;
}

const COLUMNS = `id, team_id, member_id, connection_id, kind, title, body, severity, locale, action_url, created_at, read_at`;

/** In-app notices: listed oldest first with keyset cursors, read state per notice. */
@Injectable()
export class InboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(
    f: InboxFilter,
    limit: number,
    cursor: string | null,
  ): Promise<{ items: Notice[]; nextCursor: string | null }> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifier.notification
       WHERE team_id = $1 AND ($2::uuid IS NULL OR member_id = $2) AND ($3::uuid IS NULL OR connection_id = $3)
         AND (NOT $4 OR read_at IS NULL)
         AND ($5::timestamptz IS NULL OR (created_at, id) > ($5::timestamptz, $6::uuid))
       ORDER BY created_at, id LIMIT $7`,
      [
        f.teamId,
        f.memberId,
        f.connectionId,
        f.unreadOnly,
        after?.at ?? null,
        after?.id ?? null,
        limit + 1,
      ],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toNotice),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(
              JSON.stringify([new Date(last.created_at).toISOString(), last.id]),
            ).toString('base64url')
          : null,
    };
  }

  async unreadCount(f: Omit<InboxFilter, 'unreadOnly'>): Promise<number> {
    const rows: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM notifier.notification
       WHERE team_id = $1 AND ($2::uuid IS NULL OR member_id = $2) AND ($3::uuid IS NULL OR connection_id = $3)
         AND read_at IS NULL`,
      [f.teamId, f.memberId, f.connectionId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async byIds(ids: string[]): Promise<Notice[]> {
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifier.notification WHERE id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [ids],
    );
    return rows.map(toNotice);
  }

  /** Marks one notice read (idempotent: the first read time stays). Another team's id is not found. */
  async markRead(teamId: string | null, id: string): Promise<{ notice: Notice; changed: boolean }> {
    const updated = await updateReturning<NotificationRow>(
      this.dataSource,
      `UPDATE notifier.notification SET read_at = now()
       WHERE id = $1 AND ($2::uuid IS NULL OR team_id = $2) AND read_at IS NULL RETURNING ${COLUMNS}`,
      [id, teamId],
    );
    if (updated[0]) return { notice: toNotice(updated[0]), changed: true };
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifier.notification WHERE id = $1 AND ($2::uuid IS NULL OR team_id = $2)`,
      [id, teamId],
    );
    if (!rows[0]) throw new CodedError(ErrorCodes.notFound, 'not found');
    return { notice: toNotice(rows[0]), changed: false };
  }

  async markAllRead(teamId: string, memberId: string | null): Promise<Notice[]> {
    const rows = await updateReturning<NotificationRow>(
      this.dataSource,
      `UPDATE notifier.notification SET read_at = now()
       WHERE team_id = $1 AND ($2::uuid IS NULL OR member_id = $2) AND read_at IS NULL RETURNING ${COLUMNS}`,
      [teamId, memberId],
    );
    return rows.map(toNotice);
  }
}

function toNotice(r: NotificationRow): Notice {
  return {
    id: r.id,
    teamId: r.team_id,
    memberId: r.member_id,
    connectionId: r.connection_id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    severity: r.severity,
    locale: r.locale,
    actionUrl: r.action_url,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}

function decodeCursor(cursor: string): { at: string; id: string } {
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

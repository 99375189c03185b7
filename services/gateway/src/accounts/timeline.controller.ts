import { Controller, Get, Logger, Param, Query } from '@nestjs/common';
import {
  CodedError,
  ErrorCodes,
  NotifierInboxQuery,
  SchedulerTimelineList,
  type Notice,
  type RpcReply,
  type TimelineEntry,
} from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { z } from 'zod';
import { Caller } from '../api-keys/principal.decorator';
import { requireScope, type Principal } from '../api-keys/principal';
import { ApiZod } from '../http/api-zod.decorator';
import { PageQuery } from '../http/cursor';
import { uuidParam } from '../http/uuid.pipe';
import { ZodPipe } from '../http/zod.pipe';
import type { AccountEntity } from './account.entity';
import { AccountsService } from './accounts.service';

const TimelineQuery = z.strictObject(PageQuery);

/** One line of an account's timeline: a scheduler entry, or a notice someone was sent. */
export interface TimelineItem extends Omit<TimelineEntry, 'kind'> {
  kind: TimelineEntry['kind'] | 'notice';
}

export interface TimelineView {
  items: TimelineItem[];
  nextCursor: string | null;
  /** Whether the in-app notices of the page's time span are merged in. */
  notices: 'included' | 'partial' | 'unavailable';
}

/** Notices of one connection read per page of timeline, at most this many. */
const NOTICE_SCAN_LIMIT = 2000;
const NOTICE_PAGE = 500;
const NOTIFIER_TIMEOUT_MS = 3000;

/**
 * `GET /api/v1/social-account/:id/timeline`: connect, refresh attempts, errors, expiry warnings
 * (from the refresh scheduler) and the notices sent about them (from the notifier), oldest
 * first, each with its time, outcome, provider error and trace id. `limit` counts the scheduler's
 * entries; the notices sent within the page's time span are merged in, so a page may hold more.
 */
@Controller('api/v1/social-account')
export class TimelineController {
  private readonly logger = new Logger('timeline');

  constructor(
    private readonly accounts: AccountsService,
    private readonly rpc: RpcClient,
  ) {}

  @ApiZod({ query: TimelineQuery })
  @Get(':id/timeline')
  async timeline(
    @Caller() caller: Principal,
    @Param('id', uuidParam) id: string,
    @Query(new ZodPipe(TimelineQuery)) q: z.infer<typeof TimelineQuery>,
  ): Promise<TimelineView> {
    requireScope(caller, 'accounts:read');
    const account = await this.accounts.find(id, caller.isAdmin ? null : caller.teamId);
    const cursor = q.cursor ? decodeCursor(q.cursor) : null;
    const page = await this.rpc.call(SchedulerTimelineList, {
      connectionId: account.id,
      teamId: account.teamId,
      limit: q.limit,
      cursor: cursor?.entries ?? null,
    });
    const last = page.items[page.items.length - 1];
    // the page covers (previous page's last entry, this page's last entry]; the last page, to now
    const span = { after: cursor?.after ?? null, until: page.nextCursor && last ? last.at : null };
    const { notices, status } = await this.notices(account, span);
    const items: TimelineItem[] = [...page.items, ...notices.map(noticeItem)].sort(
      (a, b) =>
        a.at.localeCompare(b.at) || (a.kind === 'notice' ? 1 : 0) - (b.kind === 'notice' ? 1 : 0),
    );
    return {
      items,
      nextCursor: page.nextCursor && last ? encodeCursor(page.nextCursor, last.at) : null,
      notices: status,
    };
  }

  private async notices(
    account: AccountEntity,
    span: { after: string | null; until: string | null },
  ): Promise<{ notices: Notice[]; status: TimelineView['notices'] }> {
    const found: Notice[] = [];
    let cursor: string | null = null;
    try {
      for (let read = 0; read < NOTICE_SCAN_LIMIT; read += NOTICE_PAGE) {
        const page: RpcReply<typeof NotifierInboxQuery> = await this.rpc.call(
          NotifierInboxQuery,
          {
            teamId: account.teamId,
            memberId: null,
            connectionId: account.id,
            unreadOnly: false,
            limit: NOTICE_PAGE,
            cursor,
          },
          { timeoutMs: NOTIFIER_TIMEOUT_MS },
        );
        for (const n of page.items) {
          if (span.until && n.createdAt > span.until) return { notices: found, status: 'included' };
          if (!span.after || n.createdAt > span.after) found.push(n);
        }
        if (!page.nextCursor) return { notices: found, status: 'included' };
        cursor = page.nextCursor;
      }
      return { notices: found, status: 'partial' };
    } catch (error) {
      this.logger.warn({
        msg: 'notices unavailable for the timeline',
        connectionId: account.id,
        error: error instanceof CodedError ? error.code : 'error',
      });
      return { notices: [], status: 'unavailable' };
    }
  }
}

function noticeItem(n: Notice): TimelineItem {
  return {
    id: `notice:${n.id}`,
    at: n.createdAt,
    kind: 'notice',
    outcome: n.kind,
    providerStatus: null,
    providerError: null,
    detail: n.title,
    traceId: null,
    durationMs: null,
    credentialVersion: null,
  };
}

/** The gateway's cursor: the scheduler's, plus where the notices of the next page start. */
const CursorSchema = z.tuple([z.string().min(1).max(200), z.iso.datetime({ offset: true })]);

function encodeCursor(entries: string, after: string): string {
  return Buffer.from(JSON.stringify([entries, after])).toString('base64url');
}

function decodeCursor(cursor: string): { entries: string; after: string } {
  try {
    const [entries, after] = CursorSchema.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    return { entries, after };
  } catch {
    throw new CodedError(ErrorCodes.validation, 'cursor: not a cursor this API returned');
  }
}

import { Controller, Get, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import {
  LiveNoticeMessageSchema,
  noticeLiveSubject,
  NotifierInboxQuery,
} from '@switchboard/contracts';
import { NATS_CONNECTION, namespaced, RpcClient } from '@switchboard/platform';
import type { Request, Response } from 'express';
import type { NatsConnection } from 'nats';
import { z } from 'zod';
import { Caller } from '../api-keys/principal.decorator';
import { requireScope, requireTeam, type Principal } from '../api-keys/principal';
import { ZodPipe } from '../http/zod.pipe';

const StreamQuery = z.strictObject({ teamId: z.uuid(), memberId: z.uuid().optional() });
const HEARTBEAT_MS = 15_000;

/**
 * `GET /api/v1/notification/stream` — Server-Sent Events: `ready` (the unread count) first, then
 * `notification.created` / `notification.read` with the notice as data, live from the notifier
 * (core NATS). A comment line every 15 s keeps proxies from closing the stream.
 */
@Controller('api/v1/notification')
export class NotificationStreamController {
  private readonly logger = new Logger('sse');

  constructor(
    private readonly rpc: RpcClient,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  @Get('stream')
  async stream(
    @Caller() caller: Principal,
    @Query(new ZodPipe(StreamQuery)) q: z.infer<typeof StreamQuery>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    requireTeam(caller, q.teamId);
    requireScope(caller, 'accounts:read');
    const memberId = q.memberId ?? null;
    // subscribe before counting, so nothing between the count and the first event is missed
    const sub = this.nc.subscribe(namespaced(noticeLiveSubject(q.teamId)));
    const { unreadCount } = await this.rpc.call(NotifierInboxQuery, {
      teamId: q.teamId,
      memberId,
      connectionId: null,
      unreadOnly: true,
      limit: 1,
      cursor: null,
    });
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n\nevent: ready\ndata: ${JSON.stringify({ unreadCount })}\n\n`);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    const close = () => {
      clearInterval(heartbeat);
      sub.unsubscribe();
    };
    req.on('close', close);
    void (async () => {
      for await (const msg of sub) {
        const parsed = LiveNoticeMessageSchema.safeParse(safeJson(msg.data));
        if (!parsed.success) {
          this.logger.warn({ msg: 'live notice refused', subject: msg.subject });
          continue;
        }
        const { event, notice } = parsed.data;
        if (notice.teamId !== q.teamId || (memberId && notice.memberId !== memberId)) continue;
        res.write(
          `id: ${notice.id}\nevent: notification.${event}\ndata: ${JSON.stringify(notice)}\n\n`,
        );
      }
      res.end();
    })();
  }
}

function safeJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return null;
  }
}

import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { LiveNoticeMessageSchema, noticeLiveSubject } from '@switchboard/contracts';
import { NATS_CONNECTION, namespaced } from '@switchboard/platform';
import type { Request, Response } from 'express';
import type { NatsConnection } from 'nats';
import type { AccountEntity } from '../accounts/account.entity';
import { Public } from '../api-keys/api-key.guard';
import { GATEWAY_ENV, type GatewayEnv } from '../config';
import { translatorFor } from '../portal/i18n/translator';
import { PageLinksService } from '../portal/page-links.service';
import { languageOf } from '../portal/page-response';
import { pageCsrf } from '../portal/page-security';
import { accountsFragment, noticesFragment, type AccountsPageContext } from './accounts-page-view';
import { AccountsPageService } from './accounts-page.service';

const POLL_MS = 1000;
const HEARTBEAT_MS = 15_000;

/**
 * `GET /accounts-page/stream?t=<signed link>`: Server-Sent Events for one accounts page,
 * authorised by its link (no API key). `accounts` and `notices` carry the server-rendered lists
 * (JSON strings) whenever they change: notices live from the notifier, statuses from the
 * registry (checked every second). The stream ends (`gone`) when the link expires.
 */
@ApiExcludeController()
@Controller('accounts-page')
export class AccountsPageStreamController {
  private readonly logger = new Logger('accounts-page-sse');

  constructor(
    private readonly links: PageLinksService,
    private readonly pages: AccountsPageService,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  @Public()
  @Get('stream')
  async stream(@Req() req: Request, @Res() res: Response): Promise<void> {
    const check = await this.links.check('accounts', req.query.t);
    if (!check.ok) {
      res.status(check.reason === 'expired' ? 410 : 400).end();
      return;
    }
    const link = check.link;
    const lang = languageOf(req, link.settings.language);
    const ctx: AccountsPageContext = {
      lang,
      t: translatorFor(lang),
      settings: link.settings,
      token: this.links.tokenFor('accounts', link),
      // the swapped-in forms need the same token as the page's: from the same browser cookie
      csrf: pageCsrf(req, this.env.PORTAL_SIGNING_SECRET, link.id),
      devMode: this.env.DEV_MODE,
    };
    const sub = this.nc.subscribe(namespaced(noticeLiveSubject(link.teamId)));
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    let lastAccounts = '';
    let closed = false;
    const send = (event: string, data: string) => {
      if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const refreshAccounts = async (): Promise<AccountEntity[]> => {
      const accounts = await this.pages.accounts(link);
      const signature = accounts
        .map((a) => `${a.id}:${a.status}:${a.statusReason}:${a.isMain}:${a.updatedAt.getTime()}`)
        .join('|');
      if (signature !== lastAccounts) {
        lastAccounts = signature;
        send('accounts', accountsFragment(ctx, accounts).value);
      }
      return accounts;
    };
    const refreshNotices = async () => {
      const accounts = await this.pages.accounts(link);
      const notices = await this.pages.notices(link, new Set(accounts.map((a) => a.id)));
      send('notices', noticesFragment(ctx, notices).value);
    };
    const fail = (err: unknown) => this.logger.warn({ msg: 'accounts page refresh failed', err });
    await refreshAccounts().catch(fail);
    const poll = setInterval(() => {
      if (link.expiresAt.getTime() <= Date.now()) {
        send('gone', '');
        close();
        res.end();
        return;
      }
      void refreshAccounts().catch(fail);
    }, POLL_MS);
    const heartbeat = setInterval(() => !closed && res.write(': ping\n\n'), HEARTBEAT_MS);
    const close = () => {
      closed = true;
      clearInterval(poll);
      clearInterval(heartbeat);
      sub.unsubscribe();
    };
    req.on('close', close);
    void (async () => {
      for await (const msg of sub) {
        const parsed = LiveNoticeMessageSchema.safeParse(safeJson(msg.data));
        if (!parsed.success) continue;
        const notice = parsed.data.notice;
        if (notice.teamId !== link.teamId) continue;
        if (link.settings.memberId && notice.memberId !== link.settings.memberId) continue;
        await refreshNotices().catch(fail);
        await refreshAccounts().catch(fail);
      }
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

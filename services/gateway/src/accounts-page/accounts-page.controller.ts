import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CodedError } from '@switchboard/contracts';
import type { Request, Response } from 'express';
import { AccountManagementService } from '../accounts/account-management.service';
import { Public } from '../api-keys/api-key.guard';
import { GATEWAY_ENV, type GatewayEnv } from '../config';
import { translatorFor } from '../portal/i18n/translator';
import { PageAttemptsService } from '../portal/page-attempts.service';
import { PageLinksService, type PageLink } from '../portal/page-links.service';
import type { AccountsPageSettings } from '../portal/page-link.dto';
import { languageOf, sendPage, sendProblem } from '../portal/page-response';
import { checkCsrf, csrfToken, ensurePageCookie } from '../portal/page-security';
import { platformName } from '../portal/platform-names';
import {
  accountsPage,
  confirmDisconnectPage,
  type AccountsPageContext,
} from './accounts-page-view';
import { AccountsPageService } from './accounts-page.service';

type Done = 'disconnected' | 'main' | 'reconnected' | 'reconnect-failed' | 'on-hold';

/**
 * The hosted accounts page (`/accounts-page?t=<signed link>`): the link's accounts with status,
 * reason and actions, and the in-app notices, kept live by `/accounts-page/stream`. Every action
 * is a form POST authorised by the link and a per-browser anti-CSRF token.
 */
@ApiExcludeController()
@Controller('accounts-page')
export class AccountsPageController {
  constructor(
    private readonly links: PageLinksService,
    private readonly pages: AccountsPageService,
    private readonly attempts: PageAttemptsService,
    private readonly management: AccountManagementService,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  @Public()
  @Get()
  async open(@Req() req: Request, @Res() res: Response): Promise<void> {
    const check = await this.links.check('accounts', req.query.t);
    if (!check.ok) return sendProblem(req, res, check.reason, this.env.DEV_MODE, check.language);
    const ctx = this.context(req, res, check.link);
    const accounts = await this.pages.accounts(check.link);
    const notices = await this.pages.notices(check.link, new Set(accounts.map((a) => a.id)));
    const flash = await this.flash(ctx, check.link, req.query.done, req.query.a);
    sendPage(res, 200, accountsPage(ctx, accounts, notices, flash), this.env.DEV_MODE);
  }

  @Public()
  @Get('disconnect')
  async confirm(@Req() req: Request, @Res() res: Response): Promise<void> {
    const check = await this.links.check('accounts', req.query.t);
    if (!check.ok) return sendProblem(req, res, check.reason, this.env.DEV_MODE, check.language);
    const account = await this.pages.account(check.link, req.query.id);
    if (!account) return sendProblem(req, res, 'not-found', this.env.DEV_MODE);
    const ctx = this.context(req, res, check.link);
    sendPage(res, 200, confirmDisconnectPage(ctx, account), this.env.DEV_MODE);
  }

  @Public()
  @Post(':action')
  async act(
    @Param('action') action: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const check = await this.links.check('accounts', body.t);
    if (!check.ok) return sendProblem(req, res, check.reason, this.env.DEV_MODE, check.language);
    const link = check.link;
    if (!checkCsrf(req, this.env.PORTAL_SIGNING_SECRET, this.env.PUBLIC_URL, link.id))
      return sendProblem(req, res, 'refused', this.env.DEV_MODE);
    const account = await this.pages.account(link, body.id);
    if (!account || !['disconnect', 'main', 'reconnect'].includes(action))
      return sendProblem(req, res, 'not-found', this.env.DEV_MODE);
    const lang = languageOf(req, link.settings.language);
    if (action === 'reconnect') {
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.redirect(303, await this.attempts.startReconnect(link.id, account, lang));
      return;
    }
    let done: Done = action === 'main' ? 'main' : 'disconnected';
    try {
      if (action === 'main') await this.management.setMain(account);
      else await this.management.disconnect(account, false);
    } catch (error) {
      if (!(error instanceof CodedError) || error.code !== 'account-on-hold') throw error;
      done = 'on-hold';
    }
    res.redirect(303, this.pageUrl(link, lang, done, account.id));
  }

  @Public()
  @Get('return/:attemptId')
  async back(
    @Param('attemptId') attemptId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const attempt = await this.attempts.find(attemptId);
    const link = attempt ? await this.links.byId('accounts', attempt.linkId) : null;
    if (!attempt || !link || !attempt.accountId)
      return sendProblem(req, res, 'expired', this.env.DEV_MODE);
    const outcome = await this.attempts.recordReturn(attempt, req.query);
    const done: Done = outcome.kind === 'success' ? 'reconnected' : 'reconnect-failed';
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.redirect(303, this.pageUrl(link, attempt.language, done, attempt.accountId));
  }

  private pageUrl(
    link: PageLink<AccountsPageSettings>,
    lang: string,
    done: Done,
    accountId: string,
  ): string {
    const token = encodeURIComponent(this.links.tokenFor('accounts', link));
    return `/accounts-page?t=${token}&lang=${lang}&done=${done}&a=${accountId}`;
  }

  private async flash(
    ctx: AccountsPageContext,
    link: PageLink<AccountsPageSettings>,
    done: unknown,
    accountId: unknown,
  ): Promise<{ text: string; error: boolean } | null> {
    if (typeof done !== 'string') return null;
    const account = await this.pages.account(link, accountId, true);
    const { t } = ctx;
    if (!account) return null;
    const vars = { account: account.displayName, platform: platformName(account.type) };
    switch (done) {
      case 'disconnected':
        return { text: t('accounts.done_disconnected', vars), error: false };
      case 'main':
        return { text: t('accounts.done_main', vars), error: false };
      case 'reconnected':
        return { text: t('accounts.done_reconnected', vars), error: false };
      case 'reconnect-failed':
        return { text: t('accounts.reconnect_failed', vars), error: true };
      case 'on-hold': {
        const hold = await this.management.hold(account.id);
        return { text: t('accounts.on_hold', { reason: hold?.reason ?? '—' }), error: true };
      }
      default:
        return null;
    }
  }

  private context(
    req: Request,
    res: Response,
    link: PageLink<AccountsPageSettings>,
  ): AccountsPageContext {
    const lang = languageOf(req, link.settings.language);
    const cookie = ensurePageCookie(req, res, this.env.PUBLIC_URL.startsWith('https:'));
    return {
      lang,
      t: translatorFor(lang),
      settings: link.settings,
      token: this.links.tokenFor('accounts', link),
      csrf: csrfToken(this.env.PORTAL_SIGNING_SECRET, cookie, link.id),
      devMode: this.env.DEV_MODE,
    };
  }
}

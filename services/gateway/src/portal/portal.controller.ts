import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { PlatformTypeSchema } from '@switchboard/contracts';
import type { Request, Response } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../api-keys/api-key.guard';
import { GATEWAY_ENV, type GatewayEnv } from '../config';
import { translatorFor } from './i18n/translator';
import { PageAttemptsService, type Attempt } from './page-attempts.service';
import { PageLinksService, type PageLink } from './page-links.service';
import type { PortalSettings } from './page-link.dto';
import { checkCsrf, csrfToken, ensurePageCookie } from './page-security';
import { languageOf, sendPage, sendProblem } from './page-response';
import {
  failurePage,
  portalPage,
  selectionPage,
  successPage,
  type PortalContext,
} from './portal-pages';
import { productParams, withParams } from './outcome';

/**
 * The hosted connect portal (`/portal?t=<signed link>`): server-rendered pages, every action a
 * plain form POST answered by a redirect. A flow started here comes back to
 * `/portal/return/<attempt>`, which shows how it ended.
 */
@ApiExcludeController()
@Controller('portal')
export class PortalController {
  constructor(
    private readonly links: PageLinksService,
    private readonly attempts: PageAttemptsService,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  @Public()
  @Get()
  async open(@Req() req: Request, @Res() res: Response): Promise<void> {
    const check = await this.links.check('portal', req.query.t);
    if (!check.ok) return sendProblem(req, res, check.reason, this.env.DEV_MODE, check.language);
    const ctx = this.context(req, res, check.link, languageOf(req, check.link.settings.language));
    const remaining = await this.attempts.remaining(check.link);
    sendPage(res, 200, portalPage(ctx, remaining), this.env.DEV_MODE);
  }

  @Public()
  @Post('connect')
  async connect(@Req() req: Request, @Res() res: Response): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const check = await this.links.check('portal', body.t);
    if (!check.ok) return sendProblem(req, res, check.reason, this.env.DEV_MODE, check.language);
    const link = check.link;
    if (!this.csrfOk(req, link.id)) return sendProblem(req, res, 'refused', this.env.DEV_MODE);
    const type = PlatformTypeSchema.safeParse(body.type);
    if (!type.success || !link.settings.socialAccountTypes.includes(type.data))
      return sendProblem(req, res, 'invalid', this.env.DEV_MODE, link.settings.language);
    const lang = languageOf(req, link.settings.language);
    const started = await this.attempts.startFromPortal(link, type.data, lang);
    if (started.launchUrl) {
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.redirect(303, started.launchUrl);
      return;
    }
    const ctx = this.context(req, res, link, lang);
    sendPage(res, 200, failurePage(ctx, type.data, { kind: 'limit-reached' }), this.env.DEV_MODE);
  }

  @Public()
  @Get('return/:attemptId')
  async back(
    @Param('attemptId') attemptId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const found = await this.attemptWithLink(attemptId);
    if (!found) return sendProblem(req, res, 'expired', this.env.DEV_MODE);
    const { attempt, link } = found;
    const outcome = await this.attempts.recordReturn(attempt, req.query);
    const ctx = this.context(req, res, link, languageOf(req, attempt.language));
    if (outcome.kind === 'success') return this.succeeded(res, ctx, attempt);
    if (outcome.kind === 'select') {
      const selection = await this.attempts.selection({ ...attempt, outcome }, link.teamId);
      if (!selection || selection.status !== 'pending') {
        const problem = ctx.t('select.expired');
        return sendPage(
          res,
          410,
          failurePage(ctx, attempt.type, {
            kind: 'error',
            code: 'selection-expired',
            message: problem,
          }),
          this.env.DEV_MODE,
        );
      }
      return sendPage(
        res,
        200,
        selectionPage(ctx, attempt.type, attempt.id, selection, null),
        this.env.DEV_MODE,
      );
    }
    sendPage(res, 200, failurePage(ctx, attempt.type, outcome), this.env.DEV_MODE);
  }

  @Public()
  @Post('return/:attemptId/select')
  async select(
    @Param('attemptId') attemptId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const found = await this.attemptWithLink(attemptId);
    if (!found) return sendProblem(req, res, 'expired', this.env.DEV_MODE);
    const { attempt, link } = found;
    if (!this.csrfOk(req, link.id)) return sendProblem(req, res, 'refused', this.env.DEV_MODE);
    const ctx = this.context(req, res, link, languageOf(req, attempt.language));
    const raw = ((req.body ?? {}) as Record<string, unknown>).channelId;
    const channelIds = (Array.isArray(raw) ? raw : [raw])
      .filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 300)
      .slice(0, 50);
    const selection = await this.attempts.selection(attempt, link.teamId);
    if (!selection || attempt.status !== 'selecting')
      return sendPage(
        res,
        410,
        failurePage(ctx, attempt.type, {
          kind: 'error',
          code: 'selection-expired',
          message: ctx.t('select.expired'),
        }),
        this.env.DEV_MODE,
      );
    if (channelIds.length === 0)
      return sendPage(
        res,
        400,
        selectionPage(ctx, attempt.type, attempt.id, selection, ctx.t('select.choose_one')),
        this.env.DEV_MODE,
      );
    const result = await this.attempts.completeSelection(attempt, link, channelIds);
    if (result === 'done') return this.succeeded(res, ctx, attempt);
    sendPage(
      res,
      result === 'expired' ? 410 : 200,
      result === 'expired'
        ? failurePage(ctx, attempt.type, { kind: 'error', code: 'selection-expired', message: '' })
        : failurePage(ctx, attempt.type, { kind: 'limit-reached' }),
      this.env.DEV_MODE,
    );
  }

  /** With the modal: ask what next. Without: the end of the flow sends the user back (303). */
  private succeeded(res: Response, ctx: PortalContext, attempt: Attempt): void {
    if (!ctx.settings.showModalOnConnectSuccess && ctx.settings.redirectUrl) {
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.redirect(
        303,
        withParams(ctx.settings.redirectUrl, productParams(attempt.type, { kind: 'success' })),
      );
      return;
    }
    sendPage(res, 200, successPage(ctx, attempt.type, true), this.env.DEV_MODE);
  }

  private async attemptWithLink(
    attemptId: string,
  ): Promise<{ attempt: Attempt; link: PageLink<PortalSettings> } | null> {
    const attempt = await this.attempts.find(attemptId);
    if (!attempt) return null;
    const link = await this.links.byId('portal', attempt.linkId);
    return link ? { attempt, link } : null;
  }

  private csrfOk(req: Request, linkId: string): boolean {
    return checkCsrf(req, this.env.PORTAL_SIGNING_SECRET, this.env.PUBLIC_URL, linkId);
  }

  private context(
    req: Request,
    res: Response,
    link: PageLink<PortalSettings>,
    lang: string,
  ): PortalContext {
    const cookie = ensurePageCookie(req, res, this.env.PUBLIC_URL.startsWith('https:'));
    return {
      lang,
      t: translatorFor(lang),
      settings: link.settings,
      token: this.links.tokenFor('portal', link),
      csrf: csrfToken(this.env.PORTAL_SIGNING_SECRET, cookie, link.id),
      devMode: this.env.DEV_MODE,
    };
  }
}

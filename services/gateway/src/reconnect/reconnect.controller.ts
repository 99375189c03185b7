import { Controller, Get, Query, Res } from '@nestjs/common';
import { CodedError } from '@switchboard/contracts';
import type { Response } from 'express';
import { Public } from '../api-keys/api-key.guard';
import { pageLocale, reconnectPage, type PageKind } from './reconnect-page';
import { ReconnectService } from './reconnect.service';

/**
 * `GET /reconnect?t=<signed link>` → 302 into a reconnect flow for the same connection;
 * `GET /reconnect/done` is where the flow ends: a small page saying how it went.
 */
@Controller('reconnect')
export class ReconnectController {
  constructor(private readonly reconnects: ReconnectService) {}

  @Public()
  @Get()
  async open(@Query('t') token: unknown, @Res() res: Response): Promise<void> {
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    const check = typeof token === 'string' ? this.reconnects.check(token) : null;
    if (!check || !check.ok) {
      const kind: PageKind = check?.reason === 'expired' ? 'expired' : 'invalid';
      page(res, kind === 'expired' ? 410 : 400, kind, check && !check.ok ? check.locale : 'en');
      return;
    }
    try {
      res.redirect(302, await this.reconnects.start(check.claims));
    } catch (error) {
      // the account is gone (or not this team's): the link no longer leads anywhere
      if (error instanceof CodedError && error.code === 'not-found') {
        page(res, 404, 'invalid', check.claims.l);
        return;
      }
      throw error;
    }
  }

  @Public()
  @Get('done')
  done(@Query() query: Record<string, unknown>, @Res() res: Response): void {
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    // the flow appends the documented outcome parameter, e.g. `twitter-callback=success`
    const success = Object.entries(query).some(
      ([key, value]) => key.endsWith('-callback') && value === 'success',
    );
    page(res, 200, success ? 'success' : 'failed', pageLocale(query.lang));
  }
}

function page(res: Response, status: number, kind: PageKind, locale: string): void {
  res.status(status).type('html').send(reconnectPage(kind, locale));
}

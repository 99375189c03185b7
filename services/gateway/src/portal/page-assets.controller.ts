import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../api-keys/api-key.guard';
import { PAGES_CSS, PAGES_JS } from './page-assets';

/** The hosted pages' stylesheet and script (same origin, so the CSP needs nothing inline). */
@ApiExcludeController()
@Controller('portal/assets')
export class PageAssetsController {
  @Public()
  @Get('pages.css')
  css(@Res() res: Response): void {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type('text/css').send(PAGES_CSS);
  }

  @Public()
  @Get('pages.js')
  js(@Res() res: Response): void {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type('application/javascript').send(PAGES_JS);
  }
}

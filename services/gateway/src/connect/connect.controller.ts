import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { Public } from '../api-keys/api-key.guard';
import { Caller } from '../api-keys/principal.decorator';
import { requireScope, requireTeam, type Principal } from '../api-keys/principal';
import { GATEWAY_ENV, type GatewayEnv } from '../config';
import { uuidParam } from '../http/uuid.pipe';
import { ApiZod } from '../http/api-zod.decorator';
import { ZodPipe } from '../http/zod.pipe';
import { ensureBrowserId, readBrowserId } from './browser-cookie';
import { ConnectBody, LaunchQuery } from './connect.dto';
import { ConnectService } from './connect.service';
import { DirectConnectService } from './direct-connect.service';
import type { AccountView } from '../accounts/account.view';
import { errorPage } from './error-page';

@Controller('api/v1/social-account')
export class ConnectController {
  constructor(
    private readonly connects: ConnectService,
    private readonly direct: DirectConnectService,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  @ApiZod({ body: ConnectBody })
  @Post('connect')
  connect(
    @Caller() caller: Principal,
    @Body(new ZodPipe(ConnectBody)) body: ConnectBody,
  ): Promise<{ url: string } | AccountView> {
    requireTeam(caller, body.teamId);
    requireScope(caller, 'accounts:write');
    if (this.direct.applies(body)) return this.direct.connect(body);
    return this.connects.connect(body);
  }

  @Public()
  @ApiZod({ query: LaunchQuery, public: true })
  @Get('flow/:flowId/launch')
  async launch(
    @Param('flowId', uuidParam) flowId: string,
    @Query(new ZodPipe(LaunchQuery)) q: z.infer<typeof LaunchQuery>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const browserId = ensureBrowserId(req, res, this.env.PUBLIC_URL.startsWith('https:'));
    const { authorizationUrl } = await this.connects.launch(flowId, q.token, browserId);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.redirect(302, authorizationUrl);
  }

  @Public()
  @ApiZod({ public: true })
  @Get('callback/:type')
  async callback(
    @Param('type') type: string,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    const result = await this.connects.callback(type, query, readBrowserId(req));
    if (!result.redirectUrl) {
      res
        .status(400)
        .type('html')
        .send(
          errorPage(
            'This sign-in link is invalid or has expired. Please start connecting your account again.',
          ),
        );
      return;
    }
    res.redirect(303, result.redirectUrl);
  }
}

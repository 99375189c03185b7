import { Controller, Get, Inject, Res } from '@nestjs/common';
import { BLUESKY_CLIENT_METADATA_PATH, blueskyClientMetadata } from '@switchboard/providers';
import type { Response } from 'express';
import { Public } from '../api-keys/api-key.guard';
import { GATEWAY_ENV, type GatewayEnv } from '../config';
import { ApiZod } from '../http/api-zod.decorator';

/**
 * Bluesky's client-metadata document (AT Protocol OAuth): its URL is Switchboard's `client_id`,
 * so authorization servers fetch it to learn the redirect URI, scopes and that tokens are
 * DPoP-bound. Served 200 `application/json`, no redirect, at
 * `<PUBLIC_URL>/oauth/bluesky/client-metadata.json`. atproto wants an https URL without a port
 * for it; only a loopback `PUBLIC_URL` (dev mode, the sandbox) is looser.
 */
@Controller()
export class BlueskyClientController {
  constructor(@Inject(GATEWAY_ENV) private readonly env: GatewayEnv) {}

  @Public()
  @ApiZod({ public: true })
  @Get(BLUESKY_CLIENT_METADATA_PATH.slice(1))
  metadata(@Res() res: Response): void {
    res
      .status(200)
      .type('application/json')
      .set('Cache-Control', 'public, max-age=300')
      .send(JSON.stringify(blueskyClientMetadata(this.env.PUBLIC_URL)));
  }
}

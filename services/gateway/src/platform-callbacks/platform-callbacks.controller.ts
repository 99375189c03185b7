import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { OAuthDeletionStatus, OAuthPlatformRevoked, type RpcReply } from '@switchboard/contracts';
import { RpcClient } from '@switchboard/platform';
import { z } from 'zod';
import { Public } from '../api-keys/api-key.guard';
import { GATEWAY_ENV, type GatewayEnv } from '../config';
import { ZodPipe } from '../http/zod.pipe';

/** Meta posts `signed_request` as a form field; anything else in the body is ignored. */
const SignedRequestBody = z.object({ signed_request: z.string().min(10).max(20_000) });
const typeSegment = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/);

/**
 * Where platforms tell us a user withdrew access: Meta's deauthorize and data-deletion callbacks.
 * Register `<PUBLIC_URL>/api/v1/platform/<type>/deauthorize` and `…/data-deletion` in the app.
 */
@Controller('api/v1/platform')
export class PlatformCallbacksController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  @Public()
  @Post(':type/deauthorize')
  @HttpCode(200)
  async deauthorize(
    @Param('type', new ZodPipe(typeSegment)) type: string,
    @Body(new ZodPipe(SignedRequestBody)) body: z.infer<typeof SignedRequestBody>,
  ): Promise<{ received: true }> {
    await this.rpc.call(OAuthPlatformRevoked, {
      typeSegment: type,
      kind: 'deauthorize',
      payload: body.signed_request,
    });
    return { received: true };
  }

  @Public()
  @Post(':type/data-deletion')
  @HttpCode(200)
  async dataDeletion(
    @Param('type', new ZodPipe(typeSegment)) type: string,
    @Body(new ZodPipe(SignedRequestBody)) body: z.infer<typeof SignedRequestBody>,
  ): Promise<{ url: string; confirmation_code: string }> {
    const result = await this.rpc.call(OAuthPlatformRevoked, {
      typeSegment: type,
      kind: 'data_deletion',
      payload: body.signed_request,
    });
    const code = result.confirmationCode ?? '';
    return {
      url: `${this.env.PUBLIC_URL.replace(/\/$/, '')}/api/v1/platform/data-deletion/${encodeURIComponent(code)}`,
      confirmation_code: code,
    };
  }

  @Public()
  @Get('data-deletion/:code')
  status(
    @Param('code', new ZodPipe(z.string().regex(/^[A-Za-z0-9_-]{8,64}$/))) code: string,
  ): Promise<RpcReply<typeof OAuthDeletionStatus>> {
    return this.rpc.call(OAuthDeletionStatus, { confirmationCode: code });
  }
}

import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CodedError, ErrorCodes } from '@switchboard/contracts';
import type { Request } from 'express';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { ApiKeysService } from './api-keys.service';
import type { Principal } from './principal';

const PUBLIC = 'switchboard:public';
/** Routes a browser reaches without an API key (flow links, callbacks, health). */
export const Public = () => SetMetadata(PUBLIC, true);

export type AuthedRequest = Request & { principal?: Principal };

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
  ) {}

  private readonly limiter = new RateLimiter();

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    if (isPublic || !req.path.startsWith('/api/')) return true;
    const header = req.headers['x-api-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || key.length > 200)
      throw new CodedError(ErrorCodes.unauthorized, 'missing or invalid x-api-key');
    const principal = await this.keys.authenticate(key);
    if (!principal) throw new CodedError(ErrorCodes.unauthorized, 'missing or invalid x-api-key');
    this.limiter.take(principal.keyId, principal.rateLimitPerSecond);
    req.principal = principal;
    return true;
  }
}

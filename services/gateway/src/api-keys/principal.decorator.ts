import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { CodedError, ErrorCodes } from '@switchboard/contracts';
import type { AuthedRequest } from './api-key.guard';
import type { Principal } from './principal';

export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new CodedError(ErrorCodes.unauthorized, 'missing or invalid x-api-key');
  return principal;
});

import type { RequestHandler } from 'express';

import { sendReply } from '../http-reply';
import type { PlatformDefinition } from '../platform';
import type { SandboxState } from '../sandbox-state';
import { bearerContext } from './bearer-auth';

export function userInfoEndpoint(
  state: SandboxState,
  platform: PlatformDefinition,
): RequestHandler {
  return (req, res) => {
    const auth = bearerContext(state, platform.type, req);
    if (auth === undefined) {
      sendReply(res, platform.responses.unauthorized());
      return;
    }
    const missing = platform.userInfo.requiredScopes.filter(
      (scope) => !auth.token.scopes.includes(scope),
    );
    if (missing.length > 0) {
      sendReply(res, platform.responses.forbidden(missing));
      return;
    }
    const user = state.users.getOrCreate(auth.grant.userName);
    sendReply(res, { status: 200, body: platform.userInfo.render(user) });
  };
}

import type { RequestHandler } from 'express';
import { z } from 'zod';

import { sendReply } from '../http-reply';
import type { PlatformDefinition } from '../platform';
import type { SandboxState } from '../sandbox-state';
import { describeZodError } from '../zod-issues';
import { OAuthError, invalidRequest } from './oauth-error';
import { authenticateFormClient, oauthErrorReply, readForm } from './token-endpoint';

const RevokeSchema = z.object({
  token: z.string({ error: 'Missing required parameter [token].' }).min(1).max(512),
  token_type_hint: z.string().max(100).optional(),
});

/** RFC 7009: either token revokes the whole grant; unknown tokens still get 200. */
export function revokeEndpoint(state: SandboxState, platform: PlatformDefinition): RequestHandler {
  return (req, res) => {
    state.stats.countRevokeCall(platform.type);
    try {
      const form = readForm(req);
      const params = RevokeSchema.safeParse(form);
      if (!params.success) throw invalidRequest(describeZodError(params.error));
      const client = authenticateFormClient(state, platform, req, form);
      state.grants.revokeByToken(platform.type, client.clientId, params.data.token);
      sendReply(res, platform.responses.revoked());
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      sendReply(res, oauthErrorReply(platform, error));
    }
  };
}

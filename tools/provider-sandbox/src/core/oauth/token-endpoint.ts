import type { Request, RequestHandler } from 'express';
import { z } from 'zod';

import { sendReply, type HttpReply } from '../http-reply';
import type { IssuedTokens, PlatformDefinition } from '../platform';
import type { SandboxState } from '../sandbox-state';
import { describeZodError } from '../zod-issues';
import { authenticateClient, type AuthenticatedClient } from './client-auth';
import { answerWithFault, dropConnection } from './fault-replies';
import { OAuthError, invalidRequest } from './oauth-error';
import { exchangeAuthorizationCode, refreshAccessToken } from './token-grants';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Fields every token and revocation request may carry; the grant-specific ones come later. */
const ClientFieldsSchema = z.object({
  client_id: z.string().min(1).max(200).optional(),
  client_secret: z.string().max(512).optional(),
});

const GrantTypeSchema = z.object({
  grant_type: z.string({ error: 'Missing required parameter [grant_type].' }).min(1).max(100),
});

export const NO_STORE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  pragma: 'no-cache',
};

/** Reads the form body, or throws `invalid_request` when the request is not a form post. */
export function readForm(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (!req.is(FORM_CONTENT_TYPE) || typeof body !== 'object' || body === null) {
    throw invalidRequest(`Content-Type must be ${FORM_CONTENT_TYPE}`);
  }
  return body as Record<string, unknown>;
}

export function authenticateFormClient(
  state: SandboxState,
  platform: PlatformDefinition,
  req: Request,
  form: Record<string, unknown>,
): AuthenticatedClient {
  const fields = ClientFieldsSchema.safeParse(form);
  if (!fields.success) throw invalidRequest(describeZodError(fields.error));
  return authenticateClient(
    {
      authorization: req.headers.authorization,
      bodyClientId: fields.data.client_id,
      bodyClientSecret: fields.data.client_secret,
    },
    platform.clientAuth,
    (clientId) => state.clients.find(platform.type, clientId),
  );
}

export function oauthErrorReply(platform: PlatformDefinition, error: OAuthError): HttpReply {
  const reply = platform.responses.tokenError(error);
  return { ...reply, headers: { ...NO_STORE_HEADERS, ...reply.headers } };
}

function runTokenRequest(
  state: SandboxState,
  platform: PlatformDefinition,
  req: Request,
): HttpReply {
  try {
    const form = readForm(req);
    const grantType = GrantTypeSchema.safeParse(form);
    if (!grantType.success) throw invalidRequest(describeZodError(grantType.error));
    const client = authenticateFormClient(state, platform, req, form);
    let issued: IssuedTokens;
    switch (grantType.data.grant_type) {
      case 'authorization_code':
        issued = exchangeAuthorizationCode(state, platform, client, form);
        break;
      case 'refresh_token':
        issued = refreshAccessToken(state, platform, client, form);
        break;
      default:
        throw new OAuthError(
          'unsupported_grant_type',
          `grant_type ${grantType.data.grant_type} is not supported`,
        );
    }
    return { status: 200, headers: NO_STORE_HEADERS, body: platform.responses.token(issued) };
  } catch (error) {
    if (error instanceof OAuthError) return oauthErrorReply(platform, error);
    throw error;
  }
}

/** The token endpoint: counts the call, applies a queued fault, else runs the grant. */
export function tokenEndpoint(state: SandboxState, platform: PlatformDefinition): RequestHandler {
  return (req, res) => {
    const body: unknown = req.body;
    const grantType =
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>).grant_type
        : undefined;
    state.stats.countTokenCall(platform.type, grantType);
    const fault = state.faults.take(platform.type);
    if (fault !== undefined && fault.kind !== 'drop-response') {
      answerWithFault(fault, platform, req, res, state.clock());
      return;
    }
    const reply = runTokenRequest(state, platform, req);
    // The lost-response case: the grant happened (a refresh token may have rotated), the answer never arrives.
    if (fault?.kind === 'drop-response') dropConnection(req);
    else sendReply(res, reply);
  };
}

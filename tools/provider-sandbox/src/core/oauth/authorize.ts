import { z } from 'zod';

import type { PlatformDefinition } from '../platform';
import type { SandboxState } from '../sandbox-state';
import { UserNameSchema } from '../state/user-name';
import { describeZodError } from '../zod-issues';
import { parseConsentAction } from './consent-action';
import type { ConsentView } from './authorize-pages';
import { OAuthError, invalidRequest } from './oauth-error';
import { isValidCodeChallenge, type PkceChallenge } from './pkce';
import { redirectUriProblem, withQuery } from './redirect-uri';
import { checkRequestedScopes, parseScopes } from './scopes';

export type AuthorizeOutcome =
  /** No trustworthy redirect target: show an error page, never redirect (RFC 6749 4.1.2.1). */
  | { readonly kind: 'error-page'; readonly message: string }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'consent'; readonly view: ConsentView };

const ClientParamsSchema = z.object({
  client_id: z.string().min(1).max(200),
  redirect_uri: z.string().min(1),
});

const RequestParamsSchema = z.object({
  response_type: z.string().max(100).optional(),
  scope: z.string().max(4000).optional(),
  state: z.string().max(2000).optional(),
  code_challenge: z.string().max(256).optional(),
  code_challenge_method: z.string().max(20).optional(),
  sandbox_user: z.string().max(200).optional(),
  sandbox_action: z.string().max(2000).optional(),
});
type RequestParams = z.infer<typeof RequestParamsSchema>;

export function issuerOf(state: SandboxState, platform: PlatformDefinition): string {
  return `${state.origin}${platform.basePath}`;
}

/**
 * Runs one authorization request (GET, or the consent form's POST) to its outcome: an error page,
 * a redirect back to the client with a code or an error, or the consent page.
 */
export function authorize(
  state: SandboxState,
  platform: PlatformDefinition,
  rawParams: unknown,
): AuthorizeOutcome {
  const clientParams = ClientParamsSchema.safeParse(rawParams);
  if (!clientParams.success) {
    return {
      kind: 'error-page',
      message: `Invalid request: ${describeZodError(clientParams.error)}`,
    };
  }
  const { client_id: clientId, redirect_uri: redirectUri } = clientParams.data;
  const client = state.clients.find(platform.type, clientId);
  if (client === undefined) return { kind: 'error-page', message: 'Unknown client_id' };
  const redirectProblem = redirectUriProblem(redirectUri, client.redirectUris);
  if (redirectProblem !== null) return { kind: 'error-page', message: redirectProblem };

  const echoedState = readSingleString(rawParams, 'state');
  const issuer = platform.sendsIssuer ? issuerOf(state, platform) : undefined;
  const redirectError = (error: OAuthError): AuthorizeOutcome => ({
    kind: 'redirect',
    location: withQuery(redirectUri, {
      error: error.error,
      error_description: error.description,
      state: echoedState,
      iss: issuer,
    }),
  });

  const parsed = RequestParamsSchema.safeParse(rawParams);
  if (!parsed.success) return redirectError(invalidRequest(describeZodError(parsed.error)));
  const params = parsed.data;

  try {
    if (params.response_type === undefined) {
      throw invalidRequest('Missing required parameter [response_type].');
    }
    if (params.response_type !== 'code') {
      throw new OAuthError('unsupported_response_type', 'Only response_type=code is supported');
    }
    const scopes = parseScopes(params.scope, platform.scopes.separator);
    checkRequestedScopes(scopes, platform.scopes);
    const pkce = readPkce(platform, params);

    if (params.sandbox_action === undefined) {
      return consent(platform, clientParams.data, scopes, params, null);
    }
    const action = parseConsentAction(params.sandbox_action);
    if (action === null) {
      throw invalidRequest('sandbox_action must be approve, deny or drop-scopes:<a,b>');
    }
    if (action.kind === 'deny') {
      throw new OAuthError('access_denied', 'The user denied the authorization request');
    }
    if (params.sandbox_user === undefined || params.sandbox_user === '') {
      return consent(platform, clientParams.data, scopes, params, 'Enter a user name to approve.');
    }
    const userName = UserNameSchema.safeParse(params.sandbox_user);
    if (!userName.success) {
      throw invalidRequest(`sandbox_user: ${describeZodError(userName.error)}`);
    }
    const user = state.users.getOrCreate(userName.data);
    const dropped = action.kind === 'drop-scopes' ? action.scopes : [];
    const code = state.grants.issueCode(
      {
        type: platform.type,
        clientId,
        userName: user.name,
        userId: user.id,
        scopes: scopes.filter((scope) => !dropped.includes(scope)),
        redirectUri,
        pkce,
      },
      platform.authorizationCodeTtlSeconds,
    );
    return {
      kind: 'redirect',
      location: withQuery(redirectUri, { code, state: params.state, iss: issuer }),
    };
  } catch (error) {
    if (error instanceof OAuthError) return redirectError(error);
    throw error;
  }
}

function readPkce(platform: PlatformDefinition, params: RequestParams): PkceChallenge | null {
  const challenge = params.code_challenge;
  if (challenge === undefined) {
    if (platform.pkce.required) {
      throw invalidRequest('Missing required parameter [code_challenge].');
    }
    return null;
  }
  // RFC 7636 4.3: a missing method means `plain`.
  const method = params.code_challenge_method ?? 'plain';
  const supported = platform.pkce.methods.find((candidate) => candidate === method);
  if (supported === undefined) {
    throw invalidRequest(
      `code_challenge_method must be one of: ${platform.pkce.methods.join(', ')}`,
    );
  }
  if (!isValidCodeChallenge(challenge, supported)) {
    throw invalidRequest('code_challenge is malformed');
  }
  return { challenge, method: supported };
}

function consent(
  platform: PlatformDefinition,
  clientParams: z.infer<typeof ClientParamsSchema>,
  scopes: readonly string[],
  params: RequestParams,
  notice: string | null,
): AuthorizeOutcome {
  const hiddenFields: Record<string, string> = { ...clientParams };
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && name !== 'sandbox_user' && name !== 'sandbox_action') {
      hiddenFields[name] = value;
    }
  }
  return {
    kind: 'consent',
    view: {
      platformName: platform.displayName,
      formAction: `${platform.basePath}${platform.paths.authorize}`,
      clientId: clientParams.client_id,
      scopes,
      userName: params.sandbox_user ?? '',
      hiddenFields,
      notice,
    },
  };
}

function readSingleString(raw: unknown, key: string): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value: unknown = (raw as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

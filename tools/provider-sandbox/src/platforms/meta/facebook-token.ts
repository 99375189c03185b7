import type { Request, Response } from 'express';

import type { HttpReply } from '../../core/http-reply';
import type { PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import { graphError, invalidParameterReply } from './graph-replies';
import { resolveToken } from './graph-token';
import {
  SHORT_LIVED_SECONDS,
  checkClient,
  issueUserToken,
  lifetimesOf,
  redeemCode,
  stringParam,
  tokenCall,
  type CodeProblem,
} from './meta-token-calls';

/**
 * Facebook Login's token endpoint, `GET|POST /{version}/oauth/access_token` with the app's
 * `client_id` and `client_secret` as parameters: a code → a short-lived user token (1 h), or
 * `grant_type=fb_exchange_token` → a long-lived one (`/_sandbox/ttl`'s access lifetime).
 */
export class FacebookTokenEndpoint {
  constructor(
    private readonly state: SandboxState,
    private readonly platform: PlatformDefinition,
  ) {}

  /** `GET /oauth/access_token`: a code, or `grant_type=fb_exchange_token`. */
  accessToken(req: Request, res: Response, params: unknown): void {
    const grantType = stringParam(params, 'grant_type', 100) ?? 'authorization_code';
    tokenCall(this.state, this.platform, req, res, grantType, () => {
      const clientId = stringParam(params, 'client_id', 200);
      if (clientId === undefined) return graphError(400, 101, 'Missing client_id parameter.');
      const check = checkClient(
        this.state,
        this.platform.type,
        clientId,
        stringParam(params, 'client_secret', 512) ?? '',
      );
      if (check === 'unknown-client') {
        return graphError(400, 101, 'Error validating application. Invalid application ID.');
      }
      if (check === 'bad-secret') return graphError(400, 1, 'Error validating client secret.');
      if (grantType === 'fb_exchange_token') return this.longLived(clientId, params);
      if (grantType === 'authorization_code') return this.codeExchange(clientId, params);
      return invalidParameterReply('Unsupported grant_type');
    });
  }

  private codeExchange(clientId: string, params: unknown): HttpReply {
    const code = stringParam(params, 'code', 512);
    const redirectUri = stringParam(params, 'redirect_uri');
    if (code === undefined) return invalidParameterReply('Missing code parameter.');
    if (redirectUri === undefined) return invalidParameterReply('Missing redirect_uri parameter.');
    const codeVerifier = stringParam(params, 'code_verifier', 256);
    const redeemed = redeemCode(this.state, this.platform.type, clientId, {
      code,
      redirectUri,
      ...(codeVerifier === undefined ? {} : { codeVerifier }),
    });
    if (!redeemed.ok) return codeProblemReply(redeemed.problem);
    const ttl = Math.min(SHORT_LIVED_SECONDS, lifetimesOf(this.state, this.platform).accessSeconds);
    const issued = issueUserToken(this.state, redeemed.grant, redeemed.grant.scopes, 'short', ttl);
    return tokenReply(issued);
  }

  private longLived(clientId: string, params: unknown): HttpReply {
    const presented = stringParam(params, 'fb_exchange_token', 1024);
    if (presented === undefined)
      return invalidParameterReply('Missing fb_exchange_token parameter.');
    const resolved = resolveToken(this.state, this.platform.type, presented);
    if (!resolved.ok) return resolved.reply;
    const { token } = resolved;
    if (token.kind !== 'user')
      return invalidParameterReply('fb_exchange_token must be a user access token');
    if (token.grant.clientId !== clientId) {
      return invalidParameterReply('The App_id in the input_token did not match the Viewing App');
    }
    const ttl = lifetimesOf(this.state, this.platform).accessSeconds;
    return tokenReply(issueUserToken(this.state, token.grant, token.scopes, 'long', ttl));
  }
}

function codeProblemReply(problem: CodeProblem): HttpReply {
  switch (problem) {
    case 'unknown':
      return invalidParameterReply('Invalid verification code format.');
    case 'used':
      return graphError(400, 100, 'This authorization code has been used.', { subcode: 36009 });
    case 'expired':
      return graphError(400, 100, 'This authorization code has expired.', { subcode: 36007 });
    case 'other-client':
    case 'redirect':
      return graphError(
        400,
        100,
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        { subcode: 36008 },
      );
    case 'pkce':
      return invalidParameterReply('Invalid code_verifier.');
  }
}

function tokenReply(issued: { readonly token: string; readonly expiresIn: number }): HttpReply {
  return {
    status: 200,
    body: { access_token: issued.token, token_type: 'bearer', expires_in: issued.expiresIn },
  };
}

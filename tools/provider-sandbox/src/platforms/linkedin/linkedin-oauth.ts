import express, { type Router } from 'express';

import { invalidClient, OAuthError } from '../../core/oauth/oauth-error';
import { readForm } from '../../core/oauth/token-endpoint';
import type { PlatformDefinition, RefreshTokenPolicy } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import type { SandboxUser } from '../../core/state/users';
import { sendReply } from '../../core/http-reply';
import { apiCaller, bearerToken } from '../support/api-caller';
import { stableOpaqueId } from '../support/ids';
import { answerTokenCall, field, tokenReply } from '../support/token-call';
import {
  LINKEDIN_RESPONSES,
  linkedinForbidden,
  linkedinTokenBody,
  linkedinUnauthorized,
} from './linkedin-responses';

export const LINKEDIN_SCOPES = [
  'openid',
  'profile',
  'email',
  'w_member_social',
  'r_member_social',
  'r_basicprofile',
  'r_liteprofile',
  'r_emailaddress',
  'rw_organization_admin',
  'r_organization_admin',
  'w_organization_social',
  'r_organization_social',
] as const;

const DAY = 24 * 3600;

/** The member id LinkedIn's OpenID `sub` carries (`urn:li:person:{sub}`). */
export function memberSub(user: SandboxUser): string {
  return stableOpaqueId(10, 'linkedin-member', user.id);
}

/**
 * LinkedIn's OAuth 2.0 at its real paths (`www.linkedin.com/oauth/v2/*`, `api.linkedin.com/v2/
 * userinfo`), shared by LINKEDIN and LINKEDIN_PAGE (separate apps, separate types). Quirks: the
 * client authenticates in the form body only; codes live 30 minutes; access tokens 60 days;
 * refresh tokens (programmatic refresh, `refreshTokens` decides) live 365 days from the first
 * authorization and are answered back unchanged with what is left of that lifetime; token
 * errors are `invalid_request` with LinkedIn's descriptions; API errors are
 * `{status, serviceErrorCode, code, message}` with a distinct 401 per reason.
 */
export function linkedinOAuth(
  type: 'LINKEDIN' | 'LINKEDIN_PAGE',
  displayName: string,
  refreshTokens: RefreshTokenPolicy,
): PlatformDefinition {
  const definition: PlatformDefinition = {
    type,
    displayName,
    basePath: `/${type.toLowerCase()}`,
    paths: {
      authorize: '/oauth/v2/authorization',
      token: '/oauth/v2/accessToken',
      revoke: '/oauth/v2/revoke',
      userInfo: '/v2/userinfo',
    },
    authorizationCodeTtlSeconds: 30 * 60,
    defaultLifetimes: { accessSeconds: 60 * DAY, refreshSeconds: 365 * DAY },
    clientAuth: {
      methods: ['client_secret_post'],
      publicClients: false,
      missingCredentials: () =>
        new OAuthError('invalid_request', 'A required parameter "client_secret" is missing'),
    },
    // PKCE exists only for native apps LinkedIn enabled it for; a web flow sends none.
    pkce: { required: false, methods: ['S256'] },
    sendsIssuer: false,
    scopes: { separator: ' ', required: true, known: LINKEDIN_SCOPES },
    refreshTokens,
    userInfo: {
      requiredScopes: ['openid', 'profile'],
      render: (user) => ({
        sub: memberSub(user),
        email_verified: true,
        name: user.displayName,
        locale: { country: 'US', language: 'en' },
        given_name: user.displayName,
        family_name: 'Sandbox',
        email: user.email,
        picture: user.avatarUrl,
      }),
    },
    responses: LINKEDIN_RESPONSES,
    prependRouter: (router, state) => prependLinkedInRoutes(router, state, definition),
  };
  return definition;
}

function prependLinkedInRoutes(
  router: Router,
  state: SandboxState,
  platform: PlatformDefinition,
): void {
  const form = express.urlencoded({ extended: false, limit: '32kb' });
  router.post(platform.paths.token, form, (req, res) => {
    answerTokenCall(state, platform, req, res, {
      read: (request) => {
        const body = readForm(request);
        if (request.headers.authorization !== undefined) {
          throw invalidClient('Client authentication must be sent in the request body');
        }
        return {
          grantType: body['grant_type'],
          clientId: field(body, 'client_id'),
          clientSecret: field(body, 'client_secret'),
          grant: body,
        };
      },
      render: (outcome) => tokenReply(linkedinTokenBody(outcome.issued, outcome.keptRefreshToken)),
    });
  });
  // The user-info endpoint with LinkedIn's distinct 401 for an empty, unknown, expired or revoked token.
  router.get(platform.paths.userInfo, (req, res) => {
    const caller = apiCaller(state, platform.type, bearerToken(req));
    if (caller.kind !== 'ok') {
      sendReply(res, linkedinUnauthorized(caller.kind));
      return;
    }
    const missing = platform.userInfo.requiredScopes.some(
      (scope) => !caller.token.scopes.includes(scope),
    );
    if (missing) {
      sendReply(res, linkedinForbidden('userinfo.GET.NO_VERSION'));
      return;
    }
    sendReply(res, { status: 200, body: platform.userInfo.render(caller.user) });
  });
}

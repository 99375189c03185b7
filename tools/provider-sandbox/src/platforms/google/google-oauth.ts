import express, { type Router } from 'express';

import { sendReply } from '../../core/http-reply';
import { OAuthError } from '../../core/oauth/oauth-error';
import { readForm } from '../../core/oauth/token-endpoint';
import type { IssuedTokens, PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import type { SandboxUser } from '../../core/state/users';
import { queryString } from '../support/api-caller';
import { isRecord, mountAuthorize } from '../support/authorize-route';
import { answerTokenCall, field, tokenReply } from '../support/token-call';
import { GOOGLE_RESPONSES } from './google-responses';

export const GOOGLE_AUTH = 'https://www.googleapis.com/auth';
const GOOGLE_IDENTITY_SCOPES = [
  'openid',
  'profile',
  'email',
  `${GOOGLE_AUTH}/userinfo.profile`,
  `${GOOGLE_AUTH}/userinfo.email`,
];

/** The Google account id (`sub`): a 21-digit number. */
export function googleSub(user: SandboxUser): string {
  return `100${user.id}`;
}

/**
 * Which codes may come with a refresh token. Google issues one only for `access_type=offline`,
 * and only on a user's first consent to the client unless `prompt=consent` asks again.
 */
const refreshWanted = new WeakMap<SandboxState, Map<string, boolean>>();
const MAX_REMEMBERED_CODES = 10_000;

function remember(state: SandboxState, code: string, wanted: boolean): void {
  const codes = refreshWanted.get(state) ?? new Map<string, boolean>();
  refreshWanted.set(state, codes);
  if (codes.size >= MAX_REMEMBERED_CODES) {
    const oldest = codes.keys().next().value;
    if (oldest !== undefined) codes.delete(oldest);
  }
  codes.set(code, wanted);
}

function takeRefreshWanted(state: SandboxState, code: string | undefined): boolean {
  const codes = refreshWanted.get(state);
  if (code === undefined || codes === undefined) return true;
  const wanted = codes.get(code);
  codes.delete(code);
  return wanted ?? true;
}

/** An unsigned stand-in for Google's ID token (the adapters never read it). */
function idToken(user: SandboxUser, clientId: string, nowMs: number): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(nowMs / 1000);
  return [
    part({ alg: 'RS256', kid: 'sandbox', typ: 'JWT' }),
    part({
      iss: 'https://accounts.google.com',
      aud: clientId,
      sub: googleSub(user),
      iat,
      exp: iat + 3600,
    }),
    'sandbox-signature',
  ].join('.');
}

function tokenBody(
  issued: IssuedTokens,
  withRefreshToken: boolean,
  idTokenFor: string | null,
): Record<string, unknown> {
  const refresh = withRefreshToken ? issued.refreshToken : null;
  return {
    access_token: issued.accessToken,
    expires_in: issued.accessExpiresIn,
    ...(refresh === null ? {} : { refresh_token: refresh }),
    // Only for time-limited grants (or a TTL set through /_sandbox/ttl).
    ...(refresh === null || issued.refreshExpiresIn === null
      ? {}
      : { refresh_token_expires_in: issued.refreshExpiresIn }),
    scope: issued.scopes.join(' '),
    token_type: 'Bearer',
    ...(idTokenFor === null ? {} : { id_token: idTokenFor }),
  };
}

/**
 * Google OAuth 2.0 at its real paths (accounts.google.com `/o/oauth2/v2/auth`, oauth2.googleapis.com
 * `/token` and `/revoke`, openidconnect.googleapis.com `/v1/userinfo`), shared by YOUTUBE and
 * GOOGLE_BUSINESS. Quirks: a refresh token only with `access_type=offline` (and on a returning
 * user only with `prompt=consent`); refreshing returns none (the old one keeps working);
 * `iss=<issuer>` on the redirect; PKCE optional (S256 or plain); Basic or body client
 * authentication; `/revoke` takes `token` alone (query or form) and answers 400
 * `invalid_token` for a dead one; API errors are `{"error": {code, message, errors, status}}`.
 */
export function googleOAuth(
  type: 'YOUTUBE' | 'GOOGLE_BUSINESS',
  displayName: string,
  apiScopes: readonly string[],
  extendRouter: (router: Router, state: SandboxState) => void,
): PlatformDefinition {
  const definition: PlatformDefinition = {
    type,
    displayName,
    basePath: `/${type.toLowerCase()}`,
    paths: {
      authorize: '/o/oauth2/v2/auth',
      token: '/token',
      revoke: '/revoke',
      userInfo: '/v1/userinfo',
    },
    authorizationCodeTtlSeconds: 600,
    // Refresh tokens have no fixed lifetime (they die unused for 6 months, or after 7 days in
    // "Testing" status — set that with /_sandbox/ttl).
    defaultLifetimes: { accessSeconds: 3599, refreshSeconds: null },
    clientAuth: {
      methods: ['client_secret_post', 'client_secret_basic'],
      publicClients: true,
      missingCredentials: () => new OAuthError('invalid_request', 'client_secret is missing.'),
    },
    pkce: { required: false, methods: ['S256', 'plain'] },
    sendsIssuer: true,
    scopes: { separator: ' ', required: true, known: [...GOOGLE_IDENTITY_SCOPES, ...apiScopes] },
    refreshTokens: { issue: 'always', rotation: 'reuse', expiry: 'sliding' },
    userInfo: {
      requiredScopes: ['openid'],
      render: (user) => ({
        sub: googleSub(user),
        name: user.displayName,
        given_name: user.displayName,
        family_name: 'Sandbox',
        picture: user.avatarUrl,
        email: user.email,
        email_verified: true,
      }),
    },
    responses: { ...GOOGLE_RESPONSES, token: (tokens) => tokenBody(tokens, true, null) },
    prependRouter: (router, state) => googleRoutes(router, state, definition),
    extendRouter,
  };
  return definition;
}

function googleRoutes(router: Router, state: SandboxState, platform: PlatformDefinition): void {
  const form = express.urlencoded({ extended: false, limit: '32kb' });

  mountAuthorize(router, state, platform, {
    keep: ['access_type', 'prompt', 'include_granted_scopes'],
    onOutcome: (outcome, params) => {
      if (outcome.kind !== 'redirect') return;
      const code = new URL(outcome.location).searchParams.get('code');
      if (code === null) return;
      const user = typeof params['sandbox_user'] === 'string' ? params['sandbox_user'] : '';
      const clientId = typeof params['client_id'] === 'string' ? params['client_id'] : '';
      const offline = params['access_type'] === 'offline';
      const prompt = typeof params['prompt'] === 'string' ? params['prompt'].split(' ') : [];
      const firstConsent = state.grants
        .list({ type: platform.type, user })
        .every((grant) => grant.clientId !== clientId);
      remember(state, code, offline && (prompt.includes('consent') || firstConsent));
    },
  });

  router.post(platform.paths.token, form, (req, res) => {
    let code: string | undefined;
    answerTokenCall(state, platform, req, res, {
      read: (request) => {
        const body = readForm(request);
        code = field(body, 'code');
        return {
          grantType: body['grant_type'],
          clientId: field(body, 'client_id'),
          clientSecret: field(body, 'client_secret'),
          authorization: request.headers.authorization,
          grant: body,
        };
      },
      render: (outcome) => {
        const exchange = outcome.grantType === 'authorization_code';
        const withRefresh = exchange && takeRefreshWanted(state, code);
        const openid = exchange && outcome.issued.scopes.includes('openid');
        const id = openid ? idToken(outcome.issued.user, outcome.clientId, state.clock()) : null;
        return tokenReply(tokenBody(outcome.issued, withRefresh, id));
      },
    });
  });

  router.post(platform.paths.revoke, form, (req, res) => {
    state.stats.countRevokeCall(platform.type);
    const body: unknown = req.body;
    const token = (isRecord(body) ? field(body, 'token') : undefined) ?? queryString(req, 'token');
    if (token === undefined || token === '') {
      sendReply(res, {
        status: 400,
        body: { error: 'invalid_request', error_description: 'Bad Request' },
      });
      return;
    }
    const record = state.grants.findAccessToken(token) ?? state.grants.findRefreshToken(token);
    const grant = record === undefined ? undefined : state.grants.getGrant(record.grantId);
    if (grant?.type !== platform.type || grant.status !== 'active') {
      sendReply(res, {
        status: 400,
        body: { error: 'invalid_token', error_description: 'Token expired or revoked' },
      });
      return;
    }
    state.grants.revokeGrant(grant, 'client-revoked');
    sendReply(res, { status: 200 });
  });
}

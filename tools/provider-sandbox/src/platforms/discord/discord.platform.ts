import express, { type Response, type Router } from 'express';

import { sendReply, type HttpReply } from '../../core/http-reply';
import { authorize, type AuthorizeOutcome } from '../../core/oauth/authorize';
import { OAuthError } from '../../core/oauth/oauth-error';
import { readForm } from '../../core/oauth/token-endpoint';
import type { IssuedTokens, PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import type { DiscordServer } from '../../core/state/user-entities';
import type { SandboxUser } from '../../core/state/users';
import { apiCaller, bearerToken, hasAnyScope } from '../support/api-caller';
import { isRecord, sendAuthorizeOutcome } from '../support/authorize-route';
import { answerTokenCall, field, tokenReply } from '../support/token-call';

export const DISCORD_SCOPES = [
  'activities.read',
  'activities.write',
  'applications.builds.read',
  'applications.commands',
  'applications.entitlements',
  'bot',
  'connections',
  'email',
  'gdm.join',
  'guilds',
  'guilds.join',
  'guilds.members.read',
  'identify',
  'messages.read',
  'openid',
  'role_connections.write',
  'rpc',
  'webhook.incoming',
] as const;

/** Every permission bit: what an owner holds in their own server. */
const ALL_PERMISSIONS = '2251799813685247';

/** Discord's API errors: `{message, code}`. */
function discordError(
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): HttpReply {
  return { status, headers, body: { message, code } };
}

/** The server each code added the bot to (what its token answer names). */
interface DiscordState {
  readonly guildByCode: Map<string, string>;
}

const states = new WeakMap<SandboxState, DiscordState>();
const MAX_REMEMBERED = 10_000;

function discordStateOf(state: SandboxState): DiscordState {
  let discord = states.get(state);
  if (discord === undefined) {
    discord = { guildByCode: new Map() };
    states.set(state, discord);
  }
  return discord;
}

function remember(map: Map<string, string>, key: string, value: string): void {
  if (map.size >= MAX_REMEMBERED) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
}

function guildObject(server: DiscordServer, user: SandboxUser): Record<string, unknown> {
  return {
    id: server.id,
    name: server.name,
    icon: null,
    owner_id: user.id,
    roles: [{ id: server.id, name: '@everyone', permissions: '0' }],
    emojis: [],
    features: [],
  };
}

function tokenBody(
  issued: IssuedTokens,
  guild: Record<string, unknown> | null,
): Record<string, unknown> {
  return {
    token_type: 'Bearer',
    access_token: issued.accessToken,
    expires_in: issued.accessExpiresIn,
    refresh_token: issued.refreshToken,
    scope: issued.scope,
    ...(guild === null ? {} : { guild }),
  };
}

/**
 * Discord OAuth2 at its real paths (`discord.com/oauth2/authorize`, `/api/oauth2/token`,
 * `/api/oauth2/token/revoke`, `/api/v10/users/@me`, `/api/v10/users/@me/guilds`). Quirks: the
 * `bot` scope adds the bot to a server the user picks (`guild_id` preselects one of theirs):
 * the redirect carries `guild_id` and `permissions` as hints and the token answer the `guild`;
 * form bodies only; Basic or body client authentication; PKCE S256 only, optional; 7-day access
 * tokens; single-use refresh tokens (reuse is `invalid_grant`); revoking either token ends the
 * whole authorization; API errors are `{message, code}`, 429s carry `retry_after`.
 */
export const discordPlatform: PlatformDefinition = {
  type: 'DISCORD',
  displayName: 'Discord',
  basePath: '/discord',
  paths: {
    authorize: '/oauth2/authorize',
    token: '/api/oauth2/token',
    revoke: '/api/oauth2/token/revoke',
    userInfo: '/api/v10/users/@me',
  },
  authorizationCodeTtlSeconds: 600,
  // The refresh-token lifetime is undocumented; the sandbox keeps them a year.
  defaultLifetimes: { accessSeconds: 604_800, refreshSeconds: 365 * 24 * 3600 },
  clientAuth: {
    methods: ['client_secret_basic', 'client_secret_post'],
    publicClients: false,
    missingCredentials: () => new OAuthError('invalid_client', 'Invalid client', 401),
  },
  pkce: { required: false, methods: ['S256'] },
  sendsIssuer: false,
  scopes: { separator: ' ', required: true, known: DISCORD_SCOPES },
  refreshTokens: { issue: 'always', rotation: 'rotate', expiry: 'sliding' },
  userInfo: {
    requiredScopes: ['identify'],
    render: (user) => ({
      id: user.id,
      username: user.username.toLowerCase(),
      global_name: user.displayName,
      discriminator: '0',
      avatar: null,
      mfa_enabled: false,
    }),
  },
  responses: {
    token: (tokens) => tokenBody(tokens, null),
    tokenError: (error) => ({
      status: error.status,
      body: { error: error.error, error_description: error.description },
    }),
    revoked: () => ({ status: 200, body: {} }),
    unauthorized: () => discordError(401, 0, '401: Unauthorized'),
    forbidden: () => discordError(403, 50001, 'Missing Access'),
    rateLimited: (retryAfterSeconds, nowMs) => ({
      status: 429,
      headers: {
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(nowMs / 1000 + retryAfterSeconds),
        'x-ratelimit-reset-after': String(retryAfterSeconds),
        'x-ratelimit-bucket': 'sandbox-oauth2-token',
        'x-ratelimit-scope': 'user',
      },
      body: {
        message: 'You are being rate limited.',
        retry_after: retryAfterSeconds,
        global: false,
      },
    }),
    serverError: () => discordError(500, 0, '500: Internal Server Error'),
  },
  prependRouter: (router, state) => discordOAuthRoutes(router, state),
  extendRouter: (router, state) => discordApiRoutes(router, state),
};

/** Discord's parameters the consent form must post back (the core keeps only its own). */
const KEPT = ['permissions', 'guild_id', 'disable_guild_select', 'prompt', 'integration_type'];

function discordOAuthRoutes(router: Router, state: SandboxState): void {
  const platform = discordPlatform;
  const form = express.urlencoded({ extended: false, limit: '32kb' });
  const handle = (raw: unknown, res: Response): void => {
    const params = isRecord(raw) ? raw : {};
    sendAuthorizeOutcome(
      res,
      platform,
      withGuild(state, authorize(state, platform, params), params),
    );
  };
  router.get(platform.paths.authorize, (req, res) => handle(req.query, res));
  router.post(platform.paths.authorize, form, (req, res) => handle(req.body, res));

  router.post(platform.paths.token, form, (req, res) => {
    const body: unknown = req.body;
    const code = isRecord(body) ? field(body, 'code') : undefined;
    answerTokenCall(state, platform, req, res, {
      read: (request) => {
        const fields = readForm(request);
        return {
          grantType: fields['grant_type'],
          clientId: field(fields, 'client_id'),
          clientSecret: field(fields, 'client_secret'),
          authorization: request.headers.authorization,
          grant: fields,
        };
      },
      render: (outcome) => {
        const exchange = outcome.grantType === 'authorization_code';
        return tokenReply(
          tokenBody(outcome.issued, exchange ? installedGuild(state, outcome.issued, code) : null),
        );
      },
    });
  });
}

/**
 * The user picked a server on Discord's screen: `guild_id` when it is one of theirs, else their
 * first. A user without servers cannot add the bot anywhere (the code names no server).
 */
function withGuild(
  state: SandboxState,
  outcome: AuthorizeOutcome,
  params: Readonly<Record<string, unknown>>,
): AuthorizeOutcome {
  if (outcome.kind === 'consent') {
    const kept: Record<string, string> = {};
    for (const name of KEPT) {
      const value = params[name];
      if (typeof value === 'string' && value.length <= 100) kept[name] = value;
    }
    return {
      ...outcome,
      view: { ...outcome.view, hiddenFields: { ...outcome.view.hiddenFields, ...kept } },
    };
  }
  if (outcome.kind !== 'redirect') return outcome;
  const location = new URL(outcome.location);
  const code = location.searchParams.get('code');
  const record = code === null ? undefined : state.grants.findCode(code);
  if (code === null || record === undefined || !record.scopes.includes('bot')) return outcome;
  const servers = state.users.getOrCreate(record.userName).entities.discordServers;
  const wanted = typeof params['guild_id'] === 'string' ? params['guild_id'] : undefined;
  const server = servers.find((candidate) => candidate.id === wanted) ?? servers[0];
  if (server === undefined) return outcome;
  remember(discordStateOf(state).guildByCode, code, server.id);
  location.searchParams.set('guild_id', server.id);
  if (typeof params['permissions'] === 'string') {
    location.searchParams.set('permissions', params['permissions']);
  }
  return { kind: 'redirect', location: location.toString() };
}

function installedGuild(
  state: SandboxState,
  issued: IssuedTokens,
  code: string | undefined,
): Record<string, unknown> | null {
  const discord = discordStateOf(state);
  if (code === undefined) return null;
  const guildId = discord.guildByCode.get(code);
  if (guildId === undefined) return null;
  discord.guildByCode.delete(code);
  const server = issued.user.entities.discordServers.find((candidate) => candidate.id === guildId);
  return server === undefined ? null : guildObject(server, issued.user);
}

function discordApiRoutes(router: Router, state: SandboxState): void {
  router.get('/api/v10/users/@me/guilds', (req, res) => {
    const caller = apiCaller(state, 'DISCORD', bearerToken(req));
    if (caller.kind !== 'ok') {
      sendReply(res, discordPlatform.responses.unauthorized());
      return;
    }
    if (!hasAnyScope(caller.token, ['guilds'])) {
      sendReply(res, discordPlatform.responses.forbidden(['guilds']));
      return;
    }
    sendReply(res, {
      status: 200,
      body: caller.user.entities.discordServers.map((server) => ({
        id: server.id,
        name: server.name,
        icon: null,
        banner: null,
        owner: true,
        permissions: ALL_PERMISSIONS,
        features: [],
      })),
    });
  });
}

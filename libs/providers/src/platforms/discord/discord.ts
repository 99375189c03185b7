import type {
  AccountIdentity,
  ChannelCandidate,
  ChannelConnection,
  ChannelSupport,
  ExchangeCodeParams,
  TokenSet,
} from '../../adapter';
import type { HttpResponse } from '../../http';
import {
  isJsonObject,
  objectField,
  stringField,
  type JsonObject,
  type JsonValue,
} from '../../json';
import type { OAuth2ProviderConfig } from '../../oauth2/config';
import { OAuth2Adapter } from '../../oauth2/oauth2-adapter';
import type { ClientCredentials, PlatformDefinition } from '../../platform-definition';
import { ProviderError, type ProviderOperation } from '../../provider-error';
import { SWITCHBOARD_VERSION, withRequestHeaders } from '../shared/request-headers';
import {
  DISCORD_BOT_PERMISSIONS,
  DISCORD_DEFAULT_SCOPES,
  DISCORD_ENDPOINTS,
  DISCORD_MANAGE_PERMISSIONS,
  DISCORD_REQUIRED_SCOPES,
} from './discord-endpoints';
import { discordClassifyError, discordRetryAfter } from './discord-errors';

const CDN = 'https://cdn.discordapp.com';
/** Discord: "DiscordBot ($url, $versionNumber)"; requests without a valid one may be blocked. */
const USER_AGENT = `DiscordBot (https://github.com/switchboard, ${SWITCHBOARD_VERSION})`;

/** `GET /users/@me` → `{id (snowflake), username, global_name, avatar}`. */
export function discordIdentity(me: JsonValue): AccountIdentity {
  const id = stringField(me, 'id');
  if (id === null) {
    throw new ProviderError({
      kind: 'transient',
      message: 'DISCORD identify failed: /users/@me answered without id',
    });
  }
  const avatar = stringField(me, 'avatar');
  return {
    externalId: id,
    displayName: stringField(me, 'global_name') ?? stringField(me, 'username') ?? id,
    avatarUrl: avatar ? `${CDN}/avatars/${id}/${avatar}.png` : null,
  };
}

export function discordConfig(
  credentials: ClientCredentials,
  endpoint: (realUrl: string) => string = (url) => url,
): OAuth2ProviderConfig {
  return {
    type: 'DISCORD',
    authorizationEndpoint: endpoint(DISCORD_ENDPOINTS.authorization),
    tokenEndpoint: endpoint(DISCORD_ENDPOINTS.token),
    revocationEndpoint: endpoint(DISCORD_ENDPOINTS.revocation),
    userInfoEndpoint: endpoint(DISCORD_ENDPOINTS.me),
    issuer: null,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    clientAuth: 'basic',
    pkce: 'S256',
    scopeSeparator: ' ',
    requiredScopes: DISCORD_REQUIRED_SCOPES,
    defaultScopes: DISCORD_DEFAULT_SCOPES,
    extraAuthorizeParams: { permissions: DISCORD_BOT_PERMISSIONS },
    refreshRotates: true,
    identify: discordIdentity,
    revokeTokenHint: { prefer: 'refresh_token', send: true },
    classifyError: discordClassifyError,
  };
}

/**
 * DISCORD — OAuth2 with the bot added in the same consent (`scope=identify guilds bot`,
 * `permissions`): the user picks a server on Discord's screen and the token answer names it in
 * `guild` (the redirect's `guild_id` is only a hint). HTTP Basic, form bodies only, PKCE S256,
 * 7-day access tokens (`expires_in`), single-use refresh tokens (reusing one is `invalid_grant`),
 * and a revocation that ends the whole authorization. The channel is a server: the candidates
 * are the servers the user may add bots to, and only the one the bot was added to is eligible.
 */
export class DiscordAdapter extends OAuth2Adapter {
  override readonly channels: ChannelSupport = {
    noChannelsParam: 'discord-not-enough-servers',
    multiple: false,
    list: (grant) => this.listServers(grant),
    connect: (grant, guildId) => this.connectServer(grant, guildId),
  };

  constructor(
    config: OAuth2ProviderConfig,
    deps: ConstructorParameters<typeof OAuth2Adapter>[1],
    private readonly guildsUrl: string,
  ) {
    super(config, deps);
  }

  /** Keeps the token answer's `guild` down to what identifies it (it carries roles, emojis…). */
  override async exchangeCode(params: ExchangeCodeParams): Promise<TokenSet> {
    const tokens = await super.exchangeCode(params);
    const guild = objectField(tokens.extra, 'guild');
    const { guild: _guild, ...extra } = tokens.extra;
    if (!guild) return { ...tokens, extra };
    const summary: JsonObject = {};
    for (const key of ['id', 'name', 'icon']) {
      const value = stringField(guild, key);
      if (value !== null) summary[key] = value;
    }
    return { ...tokens, extra: { ...extra, guild: summary } };
  }

  protected override classify(
    response: HttpResponse,
    operation: ProviderOperation,
    secrets: readonly string[],
  ): ProviderError {
    const error = super.classify(response, operation, secrets);
    if (response.status !== 429 || error.retryAfterSeconds !== null) return error;
    const retryAfter = discordRetryAfter(
      response.body.kind === 'json' ? response.body.value : null,
    );
    if (retryAfter === null) return error;
    return new ProviderError({
      kind: error.kind,
      message: error.message,
      status: error.status,
      providerCode: error.providerCode,
      retryAfterSeconds: retryAfter,
      missingScopes: error.missingScopes,
    });
  }

  private async listServers(grant: TokenSet): Promise<ChannelCandidate[]> {
    const installed = objectField(grant.extra, 'guild');
    const installedId = stringField(installed, 'id');
    const response = await this.deps.http.request({
      provider: this.type,
      operation: 'identify',
      method: 'GET',
      url: this.guildsUrl,
      headers: { authorization: `Bearer ${grant.accessToken}` },
    });
    const body = this.successBody(response, 'identify', [grant.accessToken]);
    const candidates: ChannelCandidate[] = [];
    for (const guild of Array.isArray(body) ? body : []) {
      const id = stringField(guild, 'id');
      if (id === null || !mayManage(guild)) continue;
      candidates.push(serverCandidate(guild, id, id === installedId));
    }
    // The server the bot was just added to, even if the list has not caught up with it yet.
    if (installed && installedId && !candidates.some((c) => c.id === installedId)) {
      candidates.unshift(serverCandidate(installed, installedId, true));
    }
    return candidates;
  }

  private async connectServer(grant: TokenSet, guildId: string): Promise<ChannelConnection> {
    const server = (await this.listServers(grant)).find((candidate) => candidate.id === guildId);
    if (!server?.eligible) {
      throw new ProviderError({
        kind: 'permission_lost',
        message: 'DISCORD connect failed: Switchboard’s bot was not added to that server',
      });
    }
    return {
      externalId: server.id,
      displayName: server.name,
      avatarUrl: server.avatarUrl,
      tokens: { ...grant, extra: { ...grant.extra, guildId: server.id, guildName: server.name } },
    };
  }
}

/** Owners and members with ADMINISTRATOR or MANAGE_GUILD may add a bot. */
function mayManage(guild: JsonValue): boolean {
  if (!isJsonObject(guild)) return false;
  if (guild['owner'] === true) return true;
  const permissions = stringField(guild, 'permissions');
  if (permissions === null || !/^\d{1,20}$/.test(permissions)) return false;
  return (BigInt(permissions) & DISCORD_MANAGE_PERMISSIONS) !== 0n;
}

function serverCandidate(guild: JsonValue, id: string, botAdded: boolean): ChannelCandidate {
  const icon = stringField(guild, 'icon');
  return {
    id,
    name: stringField(guild, 'name') ?? `Server ${id}`,
    avatarUrl: icon ? `${CDN}/icons/${id}/${icon}.png` : null,
    eligible: botAdded,
    detail: botAdded
      ? 'Switchboard’s bot was added'
      : 'Switchboard’s bot is not in this server: connect again and choose it on Discord',
  };
}

export const discordPlatform: PlatformDefinition = {
  type: 'DISCORD',
  create: (context) =>
    new DiscordAdapter(
      discordConfig(context.credentials, context.endpoint),
      {
        clock: context.clock,
        http: withRequestHeaders(context.http, { 'user-agent': USER_AGENT }),
      },
      context.endpoint(DISCORD_ENDPOINTS.guilds),
    ),
};

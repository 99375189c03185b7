import type {
  AccountIdentity,
  AuthorizationUrlParams,
  ChannelCandidate,
  ChannelConnection,
  ChannelSupport,
  ExchangeCodeParams,
  PushRevocationSupport,
  RefreshParams,
  RevokeParams,
  TokenSet,
} from '../../adapter';
import { sandboxEnabled } from '../../endpoint-override';
import type { HttpResponse } from '../../http';
import {
  isJsonObject,
  objectField,
  stringField,
  type JsonObject,
  type JsonValue,
} from '../../json';
import { withRequired } from '../../oauth2/authorization-url';
import { clientAuthentication } from '../../oauth2/client-auth';
import type { OAuth2ProviderConfig } from '../../oauth2/config';
import { OAuth2Adapter, type OAuth2AdapterDeps } from '../../oauth2/oauth2-adapter';
import type { ClientCredentials, PlatformDefinition } from '../../platform-definition';
import { isProviderError, ProviderError, type ProviderOperation } from '../../provider-error';
import { decodeSlackRefresh, encodeSlackRefresh, slackRefreshSecrets } from './slack-credential';
import { SLACK_DEFAULT_SCOPES, SLACK_ENDPOINTS, SLACK_REQUIRED_SCOPES } from './slack-endpoints';
import { slackClassifyError, slackErrorCode } from './slack-errors';
import { slackPushRevocation } from './slack-events';
import {
  earliest,
  joinSlackScopes,
  parseSlackInstall,
  slackToken,
  splitSlackScopes,
  type SlackToken,
} from './slack-tokens';

const MAX_TEAM_PAGES = 10;
/** Codes that mean the token is already unusable: nothing left to revoke. */
const ALREADY_DEAD = new Set(['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed']);

/** The grant is the installation: its workspace, or its organization for an org-wide install. */
export function slackIdentity(_userInfo: JsonValue, tokens: TokenSet): AccountIdentity {
  const orgWide = tokens.extra['isEnterpriseInstall'] === true;
  const id = orgWide
    ? stringField(tokens.extra, 'enterpriseId')
    : stringField(tokens.extra, 'teamId');
  if (id === null) {
    throw new ProviderError({
      kind: 'transient',
      message: 'SLACK identify failed: the install names no workspace',
    });
  }
  const name = orgWide
    ? stringField(tokens.extra, 'enterpriseName')
    : stringField(tokens.extra, 'teamName');
  return { externalId: id, displayName: name ?? id, avatarUrl: null };
}

export function slackConfig(
  credentials: ClientCredentials,
  endpoint: (realUrl: string) => string = (url) => url,
): OAuth2ProviderConfig {
  return {
    type: 'SLACK',
    authorizationEndpoint: endpoint(SLACK_ENDPOINTS.authorization),
    tokenEndpoint: endpoint(SLACK_ENDPOINTS.access),
    revocationEndpoint: endpoint(SLACK_ENDPOINTS.revoke),
    userInfoEndpoint: null,
    issuer: null,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    // "avoid sending client_id and client_secret as parameters … use HTTP Basic"
    clientAuth: 'basic',
    // A confidential web app: PKCE would turn it into a public client for good.
    pkce: 'none',
    scopeSeparator: ',',
    requiredScopes: SLACK_REQUIRED_SCOPES,
    defaultScopes: SLACK_DEFAULT_SCOPES,
    extraAuthorizeParams: {},
    // Only apps with token rotation refresh at all; when they do, every refresh token is single use.
    refreshRotates: true,
    identify: slackIdentity,
    classifyError: slackClassifyError,
  };
}

export interface SlackUrls {
  teamInfo: string;
  teamsList: string;
}

/**
 * SLACK — OAuth v2 (`oauth/v2/authorize` + `oauth.v2.access`). An install yields a bot token
 * (`xoxb-`) and, when user scopes were asked (`user:<scope>`, sent as `user_scope`), a user token;
 * both reach the token route's `extra` with their scopes and ids. Without token rotation the
 * tokens never expire and there is nothing to refresh; with it (an app setting) both expire after
 * 12 hours and each has its own single-use refresh token (kept together, see
 * `slack-credential.ts`). The channel is the workspace (`team.info`; an org-wide install lists
 * the workspaces it was granted with `auth.teams.list`). `auth.revoke` revokes the token it is
 * called with. Slack pushes `tokens_revoked` / `app_uninstalled` events, verified with the app's
 * signing secret (see `slack-events.ts`).
 */
export class SlackAdapter extends OAuth2Adapter {
  override readonly channels: ChannelSupport = {
    noChannelsParam: 'slack-not-enough-workspaces',
    multiple: false,
    list: (grant) => this.listWorkspaces(grant),
    connect: (grant, teamId) => this.connectWorkspace(grant, teamId),
  };
  override readonly pushRevocation: PushRevocationSupport;

  private readonly revokeUrl: string;

  constructor(
    config: OAuth2ProviderConfig,
    deps: OAuth2AdapterDeps,
    private readonly urls: SlackUrls,
    signingSecret: string | null,
  ) {
    super(config, deps);
    this.revokeUrl = config.revocationEndpoint ?? SLACK_ENDPOINTS.revoke;
    this.pushRevocation = slackPushRevocation(signingSecret, deps.clock);
  }

  override authorizationUrl(params: AuthorizationUrlParams): string {
    const { bot, user } = splitSlackScopes(withRequired(params.scopes, this.config.requiredScopes));
    const pairs: [string, string][] = [
      ['client_id', this.config.clientId],
      ['scope', bot.join(',')],
    ];
    if (user.length > 0) pairs.push(['user_scope', user.join(',')]);
    pairs.push(['redirect_uri', params.redirectUri], ['state', params.state]);
    const url = new URL(this.config.authorizationEndpoint);
    url.search = pairs
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    return url.toString();
  }

  override async exchangeCode(params: ExchangeCodeParams): Promise<TokenSet> {
    const body = await this.access(
      'exchange',
      { grant_type: 'authorization_code', code: params.code, redirect_uri: params.redirectUri },
      [params.code],
    );
    return parseSlackInstall(body, {
      operation: 'exchange',
      now: this.deps.clock.now(),
      requestedScopes: params.requestedScopes ?? this.defaultScopes(),
    });
  }

  /**
   * Refreshes the bot token, then the user token. Once the bot's single-use refresh token has been
   * spent its answer must be kept, so a failing user refresh does not fail the call: a transient
   * failure keeps the old user token and its refresh token for the next round; a dead one drops
   * the user token (`extra.userToken` null).
   */
  override async refresh(params: RefreshParams): Promise<TokenSet> {
    const held = decodeSlackRefresh(params.refreshToken);
    const secrets = slackRefreshSecrets(params.refreshToken);
    const scopes = splitSlackScopes(params.scopes);
    if (held.bot === null && held.user === null) {
      throw new ProviderError({
        kind: 'reauth_required',
        message: 'SLACK refresh failed: no refresh token is held for this install',
      });
    }
    const bot = held.bot ? await this.refreshOne(held.bot, secrets, scopes.bot) : null;
    let user: SlackToken | null = null;
    let userRefresh: string | null = held.user;
    let userDropped = false;
    if (held.user) {
      try {
        user = await this.refreshOne(held.user, secrets, scopes.user);
        userRefresh = user.refreshToken;
      } catch (error) {
        if (bot === null) throw error;
        if (isProviderError(error) && error.kind !== 'transient') {
          userRefresh = null;
          userDropped = true;
        }
      }
    }
    const primary = bot ?? user;
    if (primary === null) {
      throw new ProviderError({
        kind: 'transient',
        message: 'SLACK refresh failed: no token came back',
      });
    }
    const extra: JsonObject = { tokenRotation: true };
    if (bot) extra['botToken'] = bot.accessToken;
    if (bot) extra['botScopes'] = bot.scopes;
    if (user) {
      extra['userToken'] = user.accessToken;
      extra['userScopes'] = user.scopes;
    } else if (userDropped) {
      extra['userToken'] = null;
      extra['userScopes'] = [];
    }
    const userScopes = user ? user.scopes : userDropped ? [] : scopes.user;
    return {
      accessToken: primary.accessToken,
      refreshToken: encodeSlackRefresh({ bot: bot?.refreshToken ?? null, user: userRefresh }),
      tokenType: bot ? 'bot' : 'user',
      expiresAt: earliest(bot?.expiresAt, user?.expiresAt),
      refreshExpiresAt: null,
      scopes: joinSlackScopes(bot ? bot.scopes : scopes.bot, userScopes),
      extra,
    };
  }

  /**
   * `auth.revoke` with the bot token; an expired rotating token is refreshed first. With token
   * rotation the user token is revoked too (refreshed to get a live one); without it the user
   * token is not among what the vault hands to `revoke`. A token Slack already calls dead
   * (`invalid_auth`, `token_revoked`) answers `{revoked: false}`.
   */
  override async revoke(params: RevokeParams): Promise<{ revoked: boolean }> {
    const held = params.refreshToken ? decodeSlackRefresh(params.refreshToken) : null;
    const secrets = params.refreshToken ? slackRefreshSecrets(params.refreshToken) : [];
    let revoked = false;
    if (params.accessToken) {
      let outcome = await this.revokeToken(params.accessToken, secrets);
      if (outcome === 'expired' && held?.bot) {
        const fresh = await this.refreshOne(held.bot, secrets, []);
        outcome = await this.revokeToken(fresh.accessToken, secrets);
      }
      revoked = outcome === 'revoked';
    }
    if (held?.user) {
      try {
        const user = await this.refreshOne(held.user, secrets, []);
        await this.revokeToken(user.accessToken, secrets);
      } catch {
        // The user token is best effort: the installation's revocation above is what counts.
      }
    }
    return { revoked };
  }

  private async listWorkspaces(grant: TokenSet): Promise<ChannelCandidate[]> {
    if (grant.extra['isEnterpriseInstall'] === true)
      return this.grantedWorkspaces(grant.accessToken);
    const body = await this.api(this.urls.teamInfo, grant.accessToken, {});
    const team = objectField(body, 'team');
    const id = stringField(team, 'id');
    return team === null || id === null ? [] : [workspaceCandidate(team, id)];
  }

  private async grantedWorkspaces(accessToken: string): Promise<ChannelCandidate[]> {
    const candidates: ChannelCandidate[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_TEAM_PAGES; page += 1) {
      const query: Record<string, string> = { limit: '100', include_icon: 'true' };
      if (cursor) query['cursor'] = cursor;
      const body = await this.api(this.urls.teamsList, accessToken, query);
      const teams = isJsonObject(body) && Array.isArray(body['teams']) ? body['teams'] : [];
      for (const team of teams) {
        const id = stringField(team, 'id');
        if (id !== null && isJsonObject(team)) candidates.push(workspaceCandidate(team, id));
      }
      cursor = stringField(objectField(body, 'response_metadata'), 'next_cursor');
      if (!cursor) break;
    }
    return candidates;
  }

  private async connectWorkspace(grant: TokenSet, teamId: string): Promise<ChannelConnection> {
    const workspace = (await this.listWorkspaces(grant)).find(
      (candidate) => candidate.id === teamId,
    );
    if (!workspace) {
      throw new ProviderError({
        kind: 'permission_lost',
        message: 'SLACK connect failed: the install does not reach that workspace',
      });
    }
    return {
      externalId: workspace.id,
      displayName: workspace.name,
      avatarUrl: workspace.avatarUrl,
      tokens: {
        ...grant,
        extra: { ...grant.extra, teamId: workspace.id, teamName: workspace.name },
      },
    };
  }

  private async refreshOne(
    refreshToken: string,
    secrets: readonly string[],
    scopes: readonly string[],
  ): Promise<SlackToken> {
    const body = await this.access(
      'refresh',
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      secrets,
    );
    const token = slackToken(body, this.deps.clock.now(), scopes);
    if (token === null) {
      throw new ProviderError({
        kind: 'transient',
        message: 'SLACK refresh failed: the oauth.v2.access answer has no access_token',
      });
    }
    return token;
  }

  /** `auth.revoke` with `token`: revoked, already dead, or expired (a rotating token). */
  private async revokeToken(
    token: string,
    secrets: readonly string[],
  ): Promise<'revoked' | 'not-revoked' | 'expired'> {
    const response = await this.deps.http.request({
      provider: this.type,
      operation: 'revoke',
      method: 'POST',
      url: this.revokeUrl,
      headers: { authorization: `Bearer ${token}` },
      body: { form: {} },
    });
    const body = response.body.kind === 'json' ? response.body.value : null;
    const code = slackErrorCode(body);
    if (code === 'token_expired') return 'expired';
    if (code !== null && ALREADY_DEAD.has(code)) return 'not-revoked';
    this.successBody(response, 'revoke', [token, ...secrets]);
    return isJsonObject(body) && body['revoked'] === true ? 'revoked' : 'not-revoked';
  }

  /** `oauth.v2.access` with HTTP Basic; the JSON of an `ok: true` answer. */
  private async access(
    operation: ProviderOperation,
    form: Record<string, string>,
    secrets: readonly string[],
  ): Promise<JsonValue> {
    const auth = clientAuthentication(this.config, 'token');
    const response = await this.deps.http.request({
      provider: this.type,
      operation,
      method: 'POST',
      url: this.config.tokenEndpoint,
      headers: auth.headers,
      body: { form: { ...form, ...auth.form } },
    });
    return this.okBody(response, operation, [...secrets, ...auth.secrets]);
  }

  /** A read-only Web API method, called with the bot token. */
  private async api(url: string, token: string, query: Record<string, string>): Promise<JsonValue> {
    const target = new URL(url);
    for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
    const response = await this.deps.http.request({
      provider: this.type,
      operation: 'identify',
      method: 'GET',
      url: target.toString(),
      headers: { authorization: `Bearer ${token}` },
    });
    return this.okBody(response, 'identify', [token]);
  }

  private okBody(
    response: HttpResponse,
    operation: ProviderOperation,
    secrets: readonly string[],
  ): JsonValue {
    const body = this.successBody(response, operation, secrets);
    if (isJsonObject(body) && body['ok'] === false)
      throw this.classify(response, operation, secrets);
    return body;
  }
}

function workspaceCandidate(team: JsonObject, id: string): ChannelCandidate {
  const domain = stringField(team, 'domain');
  const icon = objectField(team, 'icon');
  return {
    id,
    name: stringField(team, 'name') ?? id,
    avatarUrl: stringField(icon, 'image_132') ?? stringField(icon, 'image_default'),
    eligible: true,
    detail: domain ? `${domain}.slack.com` : null,
  };
}

/**
 * The app's signing secret: `SLACK_SIGNING_SECRET`, or with the sandbox and no secret set, the
 * sandbox app's `<client id>-signing-secret`. Null when neither: events are then refused.
 */
export function slackSigningSecret(
  env: Readonly<Record<string, string | undefined>> | undefined,
  credentials: ClientCredentials,
): string | null {
  const configured = env?.['SLACK_SIGNING_SECRET']?.trim();
  if (configured) return configured;
  if (env && sandboxEnabled(env)) return `${credentials.clientId}-signing-secret`;
  return null;
}

export const slackPlatform: PlatformDefinition = {
  type: 'SLACK',
  create: (context) =>
    new SlackAdapter(
      slackConfig(context.credentials, context.endpoint),
      context,
      {
        teamInfo: context.endpoint(SLACK_ENDPOINTS.teamInfo),
        teamsList: context.endpoint(SLACK_ENDPOINTS.teamsList),
      },
      slackSigningSecret(context.env, context.credentials),
    ),
};

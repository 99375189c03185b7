import type {
  AccountIdentity,
  ChannelCandidate,
  ChannelConnection,
  ChannelSupport,
  ExchangeCodeParams,
  RefreshParams,
  RevokeParams,
  TokenSet,
} from '../../adapter';
import type { HttpResponse } from '../../http';
import { isJsonObject, numberField, objectField, stringField, type JsonValue } from '../../json';
import type { OAuth2ProviderConfig } from '../../oauth2/config';
import { OAuth2Adapter } from '../../oauth2/oauth2-adapter';
import type { ClientCredentials, PlatformDefinition } from '../../platform-definition';
import {
  isProviderError,
  ProviderError,
  type ProviderErrorKind,
  type ProviderOperation,
} from '../../provider-error';
import { jsonBody, providerFailure } from '../shared/provider-failure';
import {
  PINTEREST_DEFAULT_SCOPES,
  PINTEREST_ENDPOINTS,
  PINTEREST_REQUIRED_SCOPES,
} from './pinterest-endpoints';
import { pinterestApiError, pinterestClassifyError } from './pinterest-errors';

const PAGE_SIZE = 250;
/** More than 2,500 boards is not a person choosing where to pin. */
const MAX_PAGES = 10;

/**
 * `GET /v5/user_account` → `{id, username, account_type, profile_image, business_name}`; the
 * numeric `id` is the account, `username` when an answer lacks it.
 */
export function pinterestIdentity(userAccount: JsonValue): AccountIdentity {
  const username = stringField(userAccount, 'username');
  const id = stringField(userAccount, 'id') ?? username;
  if (id === null) {
    throw new ProviderError({
      kind: 'transient',
      message: 'PINTEREST identify failed: /v5/user_account answered without id or username',
    });
  }
  return {
    externalId: id,
    displayName: stringField(userAccount, 'business_name') ?? username ?? id,
    avatarUrl: stringField(userAccount, 'profile_image'),
  };
}

export function pinterestConfig(
  credentials: ClientCredentials,
  endpoint: (realUrl: string) => string = (url) => url,
): OAuth2ProviderConfig {
  return {
    type: 'PINTEREST',
    authorizationEndpoint: endpoint(PINTEREST_ENDPOINTS.authorization),
    tokenEndpoint: endpoint(PINTEREST_ENDPOINTS.token),
    revocationEndpoint: endpoint(PINTEREST_ENDPOINTS.revocation),
    userInfoEndpoint: endpoint(PINTEREST_ENDPOINTS.userAccount),
    issuer: null,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    clientAuth: 'basic',
    pkce: 'none',
    scopeSeparator: ',',
    requiredScopes: PINTEREST_REQUIRED_SCOPES,
    defaultScopes: PINTEREST_DEFAULT_SCOPES,
    extraAuthorizeParams: {},
    refreshRotates: true,
    identify: pinterestIdentity,
    revokeTokenHint: { prefer: 'refresh_token', send: true },
    classifyError: pinterestClassifyError,
  };
}

/**
 * PINTEREST — API v5. HTTP Basic at the token endpoint, no PKCE (the v5 token request has no
 * `code_verifier`), comma-separated scopes, 30-day access tokens. Refresh tokens are
 * "continuous": 60 days, and every refresh answer carries a new one with new
 * `refresh_token_expires_in` / `refresh_token_expires_at`, which is what gets persisted (apps
 * created before 25 Sep 2025 must ask for them with `continuous_refresh=true`). The channel is a
 * board (`GET /v5/boards`); the connection stores the user's token with the board in `extra`.
 * Revocation only works for system-user tokens: for a user's token Pinterest's refusal means
 * "not revoked", and the user removes the app in their Pinterest settings.
 */
export class PinterestAdapter extends OAuth2Adapter {
  override readonly channels: ChannelSupport = {
    noChannelsParam: 'pinterest-not-enough-boards',
    // One rotating refresh token per grant: two connections holding it would kill each other.
    multiple: false,
    list: (grant) => this.listBoards(grant),
    connect: (grant, boardId) => this.connectBoard(grant, boardId),
  };

  constructor(
    config: OAuth2ProviderConfig,
    deps: ConstructorParameters<typeof OAuth2Adapter>[1],
    private readonly boardsUrl: string,
  ) {
    super(config, deps);
  }

  override async exchangeCode(params: ExchangeCodeParams): Promise<TokenSet> {
    const form = {
      grant_type: 'authorization_code',
      code: params.code,
      redirect_uri: params.redirectUri,
      continuous_refresh: 'true',
    };
    const requested = params.requestedScopes ?? this.defaultScopes();
    return withAbsoluteRefreshExpiry(
      await this.tokenRequest('exchange', form, [params.code], requested),
    );
  }

  override async refresh(params: RefreshParams): Promise<TokenSet> {
    return withAbsoluteRefreshExpiry(await super.refresh(params));
  }

  override async revoke(params: RevokeParams): Promise<{ revoked: boolean }> {
    try {
      return await super.revoke(params);
    } catch (error) {
      // 401/403: Pinterest revokes only system users' tokens.
      if (isProviderError(error) && (error.status === 401 || error.status === 403)) {
        return { revoked: false };
      }
      throw error;
    }
  }

  protected override classify(
    response: HttpResponse,
    operation: ProviderOperation,
    secrets: readonly string[],
  ): ProviderError {
    const body = jsonBody(response);
    const api = pinterestApiError(body);
    if (api === null) return super.classify(response, operation, secrets);
    const kind: ProviderErrorKind =
      pinterestClassifyError({
        operation,
        status: response.status,
        providerCode: api.code,
        description: api.message,
        body,
      }) ?? (response.status < 400 ? 'transient' : 'invalid_request');
    return providerFailure(
      response,
      { kind, code: api.code, description: api.message },
      { provider: this.type, operation, now: this.deps.clock.now(), secrets },
    );
  }

  private async listBoards(grant: TokenSet): Promise<ChannelCandidate[]> {
    const candidates: ChannelCandidate[] = [];
    let bookmark: string | null = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const url = new URL(this.boardsUrl);
      url.searchParams.set('page_size', String(PAGE_SIZE));
      if (bookmark) url.searchParams.set('bookmark', bookmark);
      const body = await this.apiGet(url.toString(), grant.accessToken);
      for (const board of arrayField(body, 'items')) {
        const candidate = boardCandidate(board);
        if (candidate) candidates.push(candidate);
      }
      bookmark = stringField(body, 'bookmark');
      if (!bookmark) break;
    }
    return candidates;
  }

  private async connectBoard(grant: TokenSet, boardId: string): Promise<ChannelConnection> {
    const board = (await this.listBoards(grant)).find((candidate) => candidate.id === boardId);
    if (!board) {
      throw new ProviderError({
        kind: 'permission_lost',
        message: 'PINTEREST connect failed: the board is not among those this login can see',
      });
    }
    return {
      externalId: board.id,
      displayName: board.name,
      avatarUrl: board.avatarUrl,
      tokens: { ...grant, extra: { ...grant.extra, boardId: board.id, boardName: board.name } },
    };
  }

  private async apiGet(url: string, accessToken: string): Promise<JsonValue> {
    const response = await this.deps.http.request({
      provider: this.type,
      operation: 'identify',
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${accessToken}` },
    });
    return this.successBody(response, 'identify', [accessToken]);
  }
}

/** A board from `GET /v5/boards`: `{id, name, privacy, owner: {username}, media}`. */
function boardCandidate(board: JsonValue): ChannelCandidate | null {
  const id = stringField(board, 'id');
  if (id === null || !/^\d{1,40}$/.test(id)) return null;
  const privacy = stringField(board, 'privacy');
  const owner = stringField(objectField(board, 'owner'), 'username');
  const details = [privacy?.toLowerCase(), owner ? `by @${owner}` : undefined];
  return {
    id,
    name: stringField(board, 'name') ?? `Board ${id}`,
    avatarUrl: stringField(objectField(board, 'media'), 'image_cover_url'),
    eligible: true,
    detail: details.filter((part) => part !== undefined).join(' · ') || null,
  };
}

/**
 * Pinterest sends `refresh_token_expires_in` and `refresh_token_expires_at` (Unix seconds); the
 * relative one is read by the generic parser, the absolute one is the fallback.
 */
function withAbsoluteRefreshExpiry(tokens: TokenSet): TokenSet {
  if (tokens.refreshToken === null || tokens.refreshExpiresAt !== null) return tokens;
  const at = numberField(tokens.extra, 'refresh_token_expires_at');
  if (at === null || at <= 0) return tokens;
  return { ...tokens, refreshExpiresAt: new Date(at > 1e12 ? at : at * 1000) };
}

function arrayField(value: JsonValue, key: string): JsonValue[] {
  if (!isJsonObject(value)) return [];
  const field = value[key];
  return Array.isArray(field) ? field : [];
}

export const pinterestPlatform: PlatformDefinition = {
  type: 'PINTEREST',
  create: (context) =>
    new PinterestAdapter(
      pinterestConfig(context.credentials, context.endpoint),
      context,
      context.endpoint(PINTEREST_ENDPOINTS.boards),
    ),
};

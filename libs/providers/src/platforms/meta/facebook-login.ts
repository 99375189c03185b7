import type { AccountIdentity, ExchangeCodeParams, RevokeParams, TokenSet } from '../../adapter';
import { isJsonObject, numberField, objectField, stringField, type JsonValue } from '../../json';
import { parseTokenResponse } from '../../oauth2/token-response';
import { ProviderError } from '../../provider-error';
import { MetaAdapter } from './meta-adapter';

/** The Graph API version Switchboard speaks (Meta keeps each version about two years). */
export const GRAPH_VERSION = 'v23.0';

/**
 * Facebook Login (FACEBOOK, and INSTAGRAM through Facebook Login), manual flow.
 * Facts: shared/providers/meta-x-linkedin-tiktok-google.md §1–3.
 */
export const FACEBOOK_LOGIN_ENDPOINTS = {
  authorization: `https://www.facebook.com/${GRAPH_VERSION}/dialog/oauth`,
  token: `https://graph.facebook.com/${GRAPH_VERSION}/oauth/access_token`,
  graph: `https://graph.facebook.com/${GRAPH_VERSION}`,
} as const;

/** One entry of `GET /me/accounts`: a Page the person has a task on. */
export interface ManagedPage {
  id: string;
  name: string;
  category: string | null;
  tasks: string[];
  pictureUrl: string | null;
  instagramBusinessAccountId: string | null;
}

const MAX_PAGES_OF_ACCOUNTS = 20;

/**
 * - The code is exchanged with `GET /oauth/access_token?client_id&redirect_uri&client_secret&code`
 *   for a short-lived user token, then at once with `grant_type=fb_exchange_token` for a
 *   long-lived one (about 60 days, read from `expires_in`, or from `debug_token` when Meta leaves
 *   it out). There is no refresh token: the person must log in again before it lapses.
 * - The token answers carry no scopes: the granted ones come from `GET /me/permissions`.
 * - Page tokens taken with a long-lived user token do not expire; they die with the grant
 *   (password change, role lost, app removed).
 * - Revocation: `DELETE /{user-id}/permissions` removes the whole app, so only a user token is
 *   revoked (`debug_token` tells user tokens from Page tokens); a Page token alone answers
 *   `{revoked: false}`, since removing the app would cut every other Page of that person too.
 */
export class FacebookLoginAdapter extends MetaAdapter {
  override async exchangeCode(params: ExchangeCodeParams): Promise<TokenSet> {
    const code = params.code.replace(/#_$/, '');
    const secret = this.clientSecret;
    const short = await this.graphGet(
      'exchange',
      this.endpoint(FACEBOOK_LOGIN_ENDPOINTS.token),
      {
        client_id: this.clientId,
        redirect_uri: params.redirectUri,
        client_secret: secret,
        code,
      },
      [code, secret],
    );
    const shortToken = stringField(short, 'access_token');
    if (!shortToken)
      throw this.unreadable('exchange', 'the code exchange answered no access_token');

    const long = await this.graphGet(
      'exchange',
      this.endpoint(FACEBOOK_LOGIN_ENDPOINTS.token),
      {
        grant_type: 'fb_exchange_token',
        client_id: this.clientId,
        client_secret: secret,
        fb_exchange_token: shortToken,
      },
      [shortToken, secret],
    );
    const now = this.deps.clock.now();
    const tokens = parseTokenResponse(long, {
      provider: this.type,
      operation: 'exchange',
      now,
      requestedScopes: params.requestedScopes ?? this.defaultScopes(),
    });
    const expiresAt = tokens.expiresAt ?? (await this.expiryFromDebugToken(tokens.accessToken));
    const granted = await this.grantedPermissions(tokens.accessToken);
    return {
      ...tokens,
      tokenType: 'bearer',
      refreshToken: null,
      refreshExpiresAt: null,
      expiresAt,
      scopes: granted,
      extra: {},
    };
  }

  /** The person behind a user token: `GET /me?fields=id,name,picture`. */
  override async identify(tokens: TokenSet): Promise<AccountIdentity> {
    const me = await this.graphGet(
      'identify',
      `${this.endpoint(FACEBOOK_LOGIN_ENDPOINTS.graph)}/me`,
      { fields: 'id,name,picture', access_token: tokens.accessToken },
      [tokens.accessToken],
    );
    return facebookIdentity(me);
  }

  override refresh(): Promise<TokenSet> {
    return Promise.reject(
      new ProviderError({
        kind: 'invalid_request',
        message: `${this.type} tokens cannot be refreshed: Facebook Login issues no refresh token; the person must log in again before the token expires`,
      }),
    );
  }

  override async revoke(params: RevokeParams): Promise<{ revoked: boolean }> {
    const token = params.accessToken;
    if (!token) return { revoked: false };
    const appToken = `${this.clientId}|${this.clientSecret}`;
    const debug = await this.graphGet(
      'revoke',
      `${this.endpoint(FACEBOOK_LOGIN_ENDPOINTS.graph)}/debug_token`,
      { input_token: token, access_token: appToken },
      [token, appToken],
    );
    const data = objectField(debug, 'data');
    const userId = stringField(data, 'user_id');
    if (data?.['is_valid'] !== true || stringField(data, 'type') !== 'USER' || !userId) {
      return { revoked: false };
    }
    const answer = await this.graphDelete(
      'revoke',
      `${this.endpoint(FACEBOOK_LOGIN_ENDPOINTS.graph)}/${encodeURIComponent(userId)}/permissions`,
      { access_token: token },
      [token],
    );
    return { revoked: isJsonObject(answer) && answer['success'] === true };
  }

  /** Every Page the person has a task on (`GET /me/accounts`, followed page by page). */
  protected async managedPages(grant: TokenSet, fields: string): Promise<ManagedPage[]> {
    const pages: ManagedPage[] = [];
    let after: string | null = null;
    for (let round = 0; round < MAX_PAGES_OF_ACCOUNTS; round += 1) {
      const params: Record<string, string> = {
        fields,
        limit: '100',
        access_token: grant.accessToken,
      };
      if (after) params['after'] = after;
      const body = await this.graphGet(
        'identify',
        `${this.endpoint(FACEBOOK_LOGIN_ENDPOINTS.graph)}/me/accounts`,
        params,
        [grant.accessToken],
      );
      const data = isJsonObject(body) && Array.isArray(body['data']) ? body['data'] : [];
      for (const entry of data) {
        const page = managedPage(entry);
        if (page) pages.push(page);
      }
      // Graph names a `next` URL only when there is more; follow its cursor, never the URL.
      const paging = objectField(body, 'paging');
      after = stringField(paging, 'next')
        ? stringField(objectField(paging, 'cursors'), 'after')
        : null;
      if (!after) break;
    }
    return pages;
  }

  /** The Page's own token: `GET /{page-id}?fields=access_token` with the person's token. */
  protected async pageToken(grant: TokenSet, pageId: string): Promise<string> {
    const body = await this.graphGet(
      'identify',
      `${this.endpoint(FACEBOOK_LOGIN_ENDPOINTS.graph)}/${encodeURIComponent(pageId)}`,
      { fields: 'access_token', access_token: grant.accessToken },
      [grant.accessToken],
    );
    const token = stringField(body, 'access_token');
    if (!token) {
      throw new ProviderError({
        kind: 'permission_lost',
        message: `${this.type} could not get a Page token: the person has no task on Page ${pageId} any more`,
      });
    }
    return token;
  }

  protected unreadable(operation: 'exchange' | 'identify', what: string): ProviderError {
    return new ProviderError({
      kind: 'transient',
      message: `${this.type} ${operation} failed: ${what}`,
    });
  }

  private async grantedPermissions(token: string): Promise<string[]> {
    const body = await this.graphGet(
      'exchange',
      `${this.endpoint(FACEBOOK_LOGIN_ENDPOINTS.graph)}/me/permissions`,
      { access_token: token },
      [token],
    );
    const data = isJsonObject(body) && Array.isArray(body['data']) ? body['data'] : [];
    return data
      .filter((entry) => stringField(entry, 'status') === 'granted')
      .map((entry) => stringField(entry, 'permission'))
      .filter((permission): permission is string => permission !== null);
  }

  /** `debug_token`'s `expires_at` (0: never) for a long-lived token answered without `expires_in`. */
  private async expiryFromDebugToken(token: string): Promise<Date | null> {
    const appToken = `${this.clientId}|${this.clientSecret}`;
    const body = await this.graphGet(
      'exchange',
      `${this.endpoint(FACEBOOK_LOGIN_ENDPOINTS.graph)}/debug_token`,
      { input_token: token, access_token: appToken },
      [token, appToken],
    );
    const expiresAt = numberField(objectField(body, 'data'), 'expires_at');
    return expiresAt && expiresAt > 0 ? new Date(expiresAt * 1000) : null;
  }
}

function managedPage(entry: JsonValue): ManagedPage | null {
  const id = stringField(entry, 'id');
  if (!id || !isJsonObject(entry)) return null;
  const tasks = Array.isArray(entry['tasks'])
    ? entry['tasks'].filter((task): task is string => typeof task === 'string')
    : [];
  return {
    id,
    name: stringField(entry, 'name') ?? id,
    category: stringField(entry, 'category'),
    tasks,
    pictureUrl: pictureUrl(entry),
    instagramBusinessAccountId: stringField(objectField(entry, 'instagram_business_account'), 'id'),
  };
}

/** `GET /me?fields=id,name,picture` → the person. */
export function facebookIdentity(me: JsonValue): AccountIdentity {
  const id = stringField(me, 'id');
  if (!id) {
    throw new ProviderError({
      kind: 'transient',
      message: 'identify failed: /me answered without an id',
    });
  }
  return { externalId: id, displayName: stringField(me, 'name') ?? id, avatarUrl: pictureUrl(me) };
}

/** `picture: {data: {url}}` (Graph's picture edge as a field). */
export function pictureUrl(node: JsonValue): string | null {
  return stringField(objectField(objectField(node, 'picture'), 'data'), 'url');
}

import type { AccountIdentity, ExchangeCodeParams, RefreshParams, TokenSet } from '../../adapter';
import { isJsonObject, numberField, stringField, type JsonValue } from '../../json';
import type { OAuth2ProviderConfig } from '../../oauth2/config';
import type { OAuth2AdapterDeps } from '../../oauth2/oauth2-adapter';
import { parseScopes } from '../../oauth2/token-response';
import { ProviderError } from '../../provider-error';
import {
  decodeLongLived,
  encodeLongLived,
  refreshWasCapped,
  secondsUntilRefreshable,
  type LongLivedCredential,
} from './long-lived-credential';
import { MetaAdapter } from './meta-adapter';

/** What tells Instagram Login from Threads: hosts, grant names, field lists, parameter order. */
export interface LongLivedPlatformSpec {
  endpoints: {
    authorization: string;
    /** `POST`, form body: the code → a short-lived token. */
    token: string;
    /** `GET ?grant_type=<exchange>&client_secret&access_token`: short → long-lived. */
    exchange: string;
    /** `GET ?grant_type=<refresh>&access_token`: a long-lived token → a new one. */
    refresh: string;
    /** `GET ?fields=…&access_token`. */
    me: string;
  };
  exchangeGrantType: string;
  refreshGrantType: string;
  meFields: string;
  /** The code-exchange form, in the order the platform documents it. */
  codeForm(fields: {
    clientId: string;
    clientSecret: string;
    code: string;
    redirectUri: string;
  }): Record<string, string>;
  identity(me: JsonValue): AccountIdentity;
}

/**
 * Instagram API with Instagram Login and Threads: code → short-lived token (1 h) → long-lived
 * token (60 d, `expires_in` read at runtime), refreshed by presenting the long-lived token itself
 * once it is at least 24 hours old and not yet expired. No refresh token and no documented
 * revocation endpoint exist (the person removes the app in their settings; Meta then calls the
 * deauthorize callback).
 *
 * How the rules reach the vault and the scheduler without new fields:
 * - the refresh credential is the long-lived token with its issue and expiry instants
 *   (`long-lived-credential.ts`), and it lapses with the token (`refreshExpiresAt`);
 * - a refresh the platform refuses while the token is younger than 24 hours is `transient` with
 *   `retryAfterSeconds` = the time left until it is 24 hours old, so the scheduler comes back then;
 * - a refresh whose new lifetime Meta cut short (the end of a permission grant that refreshing
 *   cannot extend: private profiles' 90 days) returns the new token with `refreshExpiresAt` = now:
 *   nothing more to refresh, so the connection gets expiry warnings instead.
 */
export class LongLivedTokenAdapter extends MetaAdapter {
  constructor(
    config: OAuth2ProviderConfig,
    deps: OAuth2AdapterDeps,
    endpoint: (realUrl: string) => string,
    private readonly spec: LongLivedPlatformSpec,
  ) {
    super(config, deps, endpoint);
  }

  override async exchangeCode(params: ExchangeCodeParams): Promise<TokenSet> {
    const code = params.code.replace(/#_$/, '');
    const secret = this.clientSecret;
    const answer = await this.formPost(
      'exchange',
      this.endpoint(this.spec.endpoints.token),
      this.spec.codeForm({
        clientId: this.clientId,
        clientSecret: secret,
        code,
        redirectUri: params.redirectUri,
      }),
      [code, secret],
    );
    // Documented as `{data: [{access_token, user_id, permissions}]}`; also seen unwrapped.
    const short =
      isJsonObject(answer) && Array.isArray(answer['data']) ? (answer['data'][0] ?? null) : answer;
    const shortToken = stringField(short, 'access_token');
    if (!shortToken)
      throw this.unreadable('exchange', 'the code exchange answered no access_token');
    const userId = idField(short, 'user_id');

    const long = await this.graphGet(
      'exchange',
      this.endpoint(this.spec.endpoints.exchange),
      { grant_type: this.spec.exchangeGrantType, client_secret: secret, access_token: shortToken },
      [shortToken, secret],
    );
    const now = this.deps.clock.now();
    const token = this.longLivedToken(long, 'exchange');
    const expiresAt = after(now, numberField(long, 'expires_in'));
    const granted =
      parseScopes(isJsonObject(short) ? short['permissions'] : undefined) ??
      parseScopes(isJsonObject(long) ? long['permissions'] : undefined);
    return {
      accessToken: token,
      refreshToken: encodeLongLived({ token, issuedAt: now, expiresAt }),
      tokenType: 'bearer',
      expiresAt,
      refreshExpiresAt: expiresAt,
      scopes: granted ?? [...(params.requestedScopes ?? this.defaultScopes())],
      extra: userId ? { userId } : {},
    };
  }

  override async identify(tokens: TokenSet): Promise<AccountIdentity> {
    const me = await this.graphGet(
      'identify',
      this.endpoint(this.spec.endpoints.me),
      { fields: this.spec.meFields, access_token: tokens.accessToken },
      [tokens.accessToken],
    );
    return this.spec.identity(me);
  }

  override async refresh(params: RefreshParams): Promise<TokenSet> {
    const previous = decodeLongLived(params.refreshToken);
    let answer: JsonValue;
    try {
      answer = await this.graphGet(
        'refresh',
        this.endpoint(this.spec.endpoints.refresh),
        { grant_type: this.spec.refreshGrantType, access_token: previous.token },
        [previous.token, params.refreshToken],
      );
    } catch (error) {
      throw this.tooEarly(error, previous);
    }
    const now = this.deps.clock.now();
    const token = this.longLivedToken(answer, 'refresh');
    const lifetime = numberField(answer, 'expires_in');
    const expiresAt = after(now, lifetime);
    const capped = refreshWasCapped(previous, lifetime);
    return {
      accessToken: token,
      refreshToken: encodeLongLived({ token, issuedAt: now, expiresAt }),
      tokenType: 'bearer',
      expiresAt,
      refreshExpiresAt: capped ? now : expiresAt,
      scopes: parseScopes(isJsonObject(answer) ? answer['permissions'] : undefined) ?? [
        ...params.scopes,
      ],
      extra: {},
    };
  }

  /** Neither platform documents a revocation endpoint. */
  override revoke(): Promise<{ revoked: boolean }> {
    return Promise.resolve({ revoked: false });
  }

  /**
   * A refusal (`invalid_request`) of a token younger than 24 hours, or one that says so, is the
   * 24-hour rule: try again once the token is old enough.
   */
  private tooEarly(error: unknown, previous: LongLivedCredential): unknown {
    if (!(error instanceof ProviderError) || error.kind !== 'invalid_request') return error;
    const wait = secondsUntilRefreshable(previous, this.deps.clock.now());
    const saysSo = /24\s*hours?/i.test(error.message);
    if ((wait === null || wait === 0) && !saysSo) return error;
    return new ProviderError({
      kind: 'transient',
      message: `${error.message} — a long-lived token can be refreshed only once it is at least 24 hours old`,
      status: error.status,
      providerCode: error.providerCode,
      retryAfterSeconds: wait !== null && wait > 0 ? wait : error.retryAfterSeconds,
    });
  }

  private longLivedToken(body: JsonValue, operation: 'exchange' | 'refresh'): string {
    const token = stringField(body, 'access_token');
    if (!token) throw this.unreadable(operation, 'the answer has no access_token');
    return token;
  }

  private unreadable(operation: 'exchange' | 'refresh', what: string): ProviderError {
    return new ProviderError({
      kind: 'transient',
      message: `${this.type} ${operation} failed: ${what}`,
    });
  }
}

/** Meta's ids come as numbers or numeric strings. */
export function idField(value: JsonValue | null, key: string): string | null {
  if (!isJsonObject(value)) return null;
  const field = value[key];
  if (typeof field === 'number' && Number.isSafeInteger(field)) return String(field);
  return stringField(value, key);
}

function after(now: Date, seconds: number | null): Date | null {
  return seconds !== null && seconds > 0
    ? new Date(now.getTime() + Math.round(seconds * 1000))
    : null;
}

import express, { type NextFunction, type Request, type Response, type Router } from 'express';

import type { HttpReply } from '../../core/http-reply';
import { sendReply } from '../../core/http-reply';
import type { PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import type { Grant } from '../../core/state/grants';
import type { SandboxUser } from '../../core/state/users';
import { pick, selectFields } from './graph-fields';
import {
  LOW_USAGE_HEADERS,
  graphError,
  invalidParameterReply,
  oauthExceptionReply,
  permissionReply,
} from './graph-replies';
import { presentedToken, resolveToken, type ResolvedUserToken } from './graph-token';
import { metaStateOf } from './meta-state';
import {
  SHORT_LIVED_SECONDS,
  checkClient,
  issueUserToken,
  lifetimesOf,
  redeemCode,
  routeParam,
  sameSecret,
  stringParam,
  tokenCall,
  type CodeProblem,
} from './meta-token-calls';

/** Meta: a long-lived token "that is at least 24 hours old but has not expired". */
export const MIN_REFRESH_AGE_MS = 24 * 3600 * 1000;
const VERSION = /^v\d{1,2}\.\d{1,2}$/;

/** What tells Instagram Login from Threads in the sandbox. */
export interface LongLivedSandboxSpec {
  readonly exchangeGrantType: string;
  readonly refreshGrantType: string;
  /** Needed for `/me` and for refreshing. */
  readonly basicScope: string;
  /** The code exchange's answer (Instagram wraps it in `data`, Threads does not). */
  codeAnswer(token: string, user: SandboxUser, scopes: readonly string[]): unknown;
  /** Extra fields of a refresh answer (Instagram repeats `permissions`). */
  refreshAnswerExtra(scopes: readonly string[]): Record<string, unknown>;
  readonly me: {
    readonly nodeType: string;
    readonly fields: readonly string[];
    readonly defaults: readonly string[];
    render(user: SandboxUser, origin: string): Record<string, unknown>;
  };
  /**
   * Users whose permission grant cannot be extended (Threads' private profiles): their grant
   * ends `refreshTtlSeconds` (default 90 days) after consent, and no token outlives it.
   */
  hasFixedGrant(user: SandboxUser): boolean;
}

/**
 * Instagram API with Instagram Login and Threads, at their real paths under the mount:
 * `POST /oauth/access_token` (code → short-lived token), `GET /access_token` (→ long-lived),
 * `GET /refresh_access_token` (≥ 24 hours old, unexpired; `/_sandbox/age` makes tokens older),
 * `GET /me` and `GET /{version}/me`.
 */
export function longLivedRoutes(
  router: Router,
  state: SandboxState,
  platform: PlatformDefinition,
  spec: LongLivedSandboxSpec,
): void {
  const form = express.urlencoded({ extended: false, limit: '32kb' });
  const versioned = (req: Request, _res: Response, next: NextFunction): void => {
    next(VERSION.test(routeParam(req.params, 'version') ?? '') ? undefined : 'route');
  };
  const api = new LongLivedApi(state, platform, spec);

  router.post('/oauth/access_token', form, (req, res) => api.codeExchange(req, res));
  router.get('/access_token', (req, res) => api.exchange(req, res));
  router.get('/refresh_access_token', (req, res) => api.refresh(req, res));
  router.get('/me', (req, res) => sendReply(res, api.me(req)));
  router.get('/:version/me', versioned, (req, res) => sendReply(res, api.me(req)));
}

class LongLivedApi {
  constructor(
    private readonly state: SandboxState,
    private readonly platform: PlatformDefinition,
    private readonly spec: LongLivedSandboxSpec,
  ) {}

  /** Errors here use the flat `{error_type, code, error_message}` envelope Meta documents. */
  codeExchange(req: Request, res: Response): void {
    const params: unknown = req.body;
    const grantType = stringParam(params, 'grant_type', 100) ?? 'unknown';
    tokenCall(this.state, this.platform, req, res, grantType, () => {
      const clientId = stringParam(params, 'client_id', 200);
      const check =
        clientId === undefined
          ? 'unknown-client'
          : checkClient(
              this.state,
              this.platform.type,
              clientId,
              stringParam(params, 'client_secret', 512) ?? '',
            );
      if (check === 'unknown-client') return oauthExceptionReply('Invalid platform app');
      if (check === 'bad-secret' || clientId === undefined) {
        return oauthExceptionReply('Error validating client secret.');
      }
      if (grantType !== 'authorization_code') return oauthExceptionReply('Invalid grant_type');
      const code = stringParam(params, 'code', 512);
      const redirectUri = stringParam(params, 'redirect_uri');
      if (code === undefined || redirectUri === undefined) {
        return oauthExceptionReply('Missing required parameter: code and redirect_uri');
      }
      const codeVerifier = stringParam(params, 'code_verifier', 256);
      const redeemed = redeemCode(this.state, this.platform.type, clientId, {
        code,
        redirectUri,
        ...(codeVerifier === undefined ? {} : { codeVerifier }),
      });
      if (!redeemed.ok) return oauthExceptionReply(codeProblemMessage(redeemed.problem));
      const { grant } = redeemed;
      const ttl = Math.min(SHORT_LIVED_SECONDS, this.lifetimes().accessSeconds);
      const issued = issueUserToken(this.state, grant, grant.scopes, 'short', ttl);
      const user = this.state.users.getOrCreate(grant.userName);
      return { status: 200, body: this.spec.codeAnswer(issued.token, user, grant.scopes) };
    });
  }

  /** `GET /access_token?grant_type=<exchange>&client_secret&access_token={short-lived}`. */
  exchange(req: Request, res: Response): void {
    const grantType = stringParam(req.query, 'grant_type', 100) ?? 'unknown';
    tokenCall(this.state, this.platform, req, res, grantType, () => {
      if (grantType !== this.spec.exchangeGrantType) {
        return invalidParameterReply('Unsupported grant_type');
      }
      const resolved = resolveToken(
        this.state,
        this.platform.type,
        stringParam(req.query, 'access_token', 1024),
      );
      if (!resolved.ok) return resolved.reply;
      const token = resolved.token;
      if (token.kind !== 'user') return invalidParameterReply('Invalid access token type');
      const client = this.state.clients.find(this.platform.type, token.grant.clientId);
      const secret = stringParam(req.query, 'client_secret', 512) ?? '';
      if (client?.clientSecret == null || !sameSecret(client.clientSecret, secret)) {
        return graphError(400, 1, 'Error validating client secret.');
      }
      if (token.info?.kind !== 'short') {
        return invalidParameterReply('Only a short-lived access token can be exchanged');
      }
      return this.issueLongLived(token, {});
    });
  }

  /** `GET /refresh_access_token?grant_type=<refresh>&access_token={long-lived}`. */
  refresh(req: Request, res: Response): void {
    const grantType = stringParam(req.query, 'grant_type', 100) ?? 'unknown';
    tokenCall(this.state, this.platform, req, res, grantType, () => {
      if (grantType !== this.spec.refreshGrantType) {
        return invalidParameterReply('Unsupported grant_type');
      }
      const resolved = resolveToken(
        this.state,
        this.platform.type,
        stringParam(req.query, 'access_token', 1024),
      );
      if (!resolved.ok) return resolved.reply;
      const token = resolved.token;
      if (token.kind !== 'user' || token.info?.kind !== 'long') {
        return invalidParameterReply('Only a long-lived access token can be refreshed');
      }
      if (!token.scopes.includes(this.spec.basicScope))
        return permissionReply(this.spec.basicScope);
      const age = this.state.clock() - token.info.issuedAt;
      if (age < MIN_REFRESH_AGE_MS) {
        return invalidParameterReply(
          'The access token can only be refreshed once it is at least 24 hours old',
        );
      }
      token.grant.refreshes += 1;
      return this.issueLongLived(token, this.spec.refreshAnswerExtra(token.scopes));
    });
  }

  me(req: Request): HttpReply {
    const resolved = resolveToken(this.state, this.platform.type, presentedToken(req));
    if (!resolved.ok) return resolved.reply;
    const { token } = resolved;
    if (!token.scopes.includes(this.spec.basicScope)) return permissionReply(this.spec.basicScope);
    const { me } = this.spec;
    const selected = selectFields(req.query['fields'], me.fields, me.defaults, me.nodeType);
    if (!selected.ok) return selected.reply;
    return {
      status: 200,
      headers: LOW_USAGE_HEADERS,
      body: pick(me.render(token.user, this.state.origin), selected.fields),
    };
  }

  /** A long-lived token: the platform's lifetime, never beyond a fixed permission grant. */
  private issueLongLived(token: ResolvedUserToken, extra: Record<string, unknown>): HttpReply {
    let ttl = this.lifetimes().accessSeconds;
    const grantEnd = this.fixedGrantEnd(token.grant, token.user);
    if (grantEnd !== null) {
      const left = Math.floor((grantEnd - this.state.clock()) / 1000);
      if (left <= 0) {
        return graphError(
          400,
          190,
          'Error validating access token: the permission grant has expired; the user must grant access again',
          { subcode: 463 },
        );
      }
      ttl = Math.min(ttl, left);
    }
    const issued = issueUserToken(this.state, token.grant, token.scopes, 'long', ttl);
    return {
      status: 200,
      body: {
        access_token: issued.token,
        token_type: 'bearer',
        expires_in: issued.expiresIn,
        ...extra,
      },
    };
  }

  private fixedGrantEnd(grant: Grant, user: SandboxUser): number | null {
    const grantSeconds = this.lifetimes().refreshSeconds;
    if (!this.spec.hasFixedGrant(user) || grantSeconds === null) return null;
    return grant.createdAt - metaStateOf(this.state).ageOf(grant.id) + grantSeconds * 1000;
  }

  private lifetimes(): { readonly accessSeconds: number; readonly refreshSeconds: number | null } {
    return lifetimesOf(this.state, this.platform);
  }
}

function codeProblemMessage(problem: CodeProblem): string {
  switch (problem) {
    case 'unknown':
    case 'used':
      return 'Matching code was not found or was already used';
    case 'expired':
      return 'This authorization code has expired';
    case 'other-client':
    case 'redirect':
      return 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request';
    case 'pkce':
      return 'Invalid code_verifier';
  }
}

import { randomBytes } from 'node:crypto';

import express, { type NextFunction, type Request, type Response, type Router } from 'express';

import { sendReply, type HttpReply } from '../../core/http-reply';
import type { PlatformDefinition } from '../../core/platform';
import type { SandboxState } from '../../core/sandbox-state';
import type { FacebookPage, InstagramAccount } from '../../core/state/user-entities';
import type { SandboxUser } from '../../core/state/users';
import { pick, picture, selectFields } from './graph-fields';
import {
  LOW_USAGE_HEADERS,
  graphError,
  invalidParameterReply,
  permissionReply,
  unknownObjectReply,
} from './graph-replies';
import { presentedToken, resolveToken, type ResolvedToken } from './graph-token';
import { metaStateOf } from './meta-state';
import { FacebookTokenEndpoint } from './facebook-token';
import { checkClient, routeParam, stringParam } from './meta-token-calls';

/** The Graph API version the sandbox's paths name; any `vNN.N` is accepted. */
export const GRAPH_VERSION = 'v23.0';
const VERSION = /^v\d{1,2}\.\d{1,2}$/;
/** Meta's 90-day data-access window, shown by `debug_token`. */
const DATA_ACCESS_SECONDS = 90 * 24 * 3600;

const USER_FIELDS = ['id', 'name', 'picture'];
const PAGE_FIELDS = [
  'id',
  'name',
  'category',
  'tasks',
  'picture',
  'access_token',
  'instagram_business_account',
];
const ACCOUNT_DEFAULT_FIELDS = ['id', 'name', 'category', 'tasks', 'access_token'];
const IG_FIELDS = ['id', 'username', 'name', 'profile_picture_url', 'followers_count'];

/**
 * Facebook Login and the Graph API surface FACEBOOK and INSTAGRAM (through Facebook Login) use,
 * at Meta's real paths under the platform's mount: the login dialog at any `vNN.N`,
 * `GET|POST /oauth/access_token` (code exchange, `fb_exchange_token`), `/debug_token`, `/me`,
 * `/me/accounts` (Pages with their tasks, Page tokens and Instagram accounts), `/me/permissions`,
 * `DELETE /{user-id}/permissions` (removes the app), `/{page-id}` and `/{ig-user-id}`.
 */
export function facebookGraphRoutes(
  router: Router,
  state: SandboxState,
  platform: PlatformDefinition,
): void {
  const form = express.urlencoded({ extended: false, limit: '32kb' });
  const versioned = (req: Request, _res: Response, next: NextFunction): void => {
    const version = routeParam(req.params, 'version');
    next(version === undefined || VERSION.test(version) ? undefined : 'route');
  };
  const paths = (path: string): string[] => [path, `/:version${path}`];
  const graph = new FacebookGraph(state, platform);
  const tokens = new FacebookTokenEndpoint(state, platform);

  // The login dialog of any version is the core's authorization endpoint.
  router.use((req, _res, next) => {
    req.url = req.url.replace(
      /^\/v\d{1,2}\.\d{1,2}\/dialog\/oauth(?=[?/]|$)/,
      platform.paths.authorize,
    );
    next();
  });
  router.get(paths('/oauth/access_token'), versioned, (req, res) =>
    tokens.accessToken(req, res, req.query),
  );
  router.post(paths('/oauth/access_token'), form, versioned, (req, res) =>
    tokens.accessToken(req, res, req.body),
  );
  router.get(paths('/debug_token'), versioned, (req, res) => sendReply(res, graph.debugToken(req)));
  router.get(paths('/me'), versioned, (req, res) => sendReply(res, graph.node(req, 'me')));
  router.get(paths('/me/accounts'), versioned, (req, res) => sendReply(res, graph.accounts(req)));
  router.all(paths('/:node/permissions'), form, versioned, (req, res) =>
    sendReply(res, graph.permissions(req)),
  );
  router.get(paths('/:node'), versioned, (req, res) =>
    sendReply(res, graph.node(req, routeParam(req.params, 'node') ?? '')),
  );
}

class FacebookGraph {
  constructor(
    private readonly state: SandboxState,
    private readonly platform: PlatformDefinition,
  ) {}

  /** `GET /debug_token?input_token&access_token={app-id}|{app-secret}`. */
  debugToken(req: Request): HttpReply {
    const appToken = stringParam(req.query, 'access_token', 1024) ?? '';
    const separator = appToken.indexOf('|');
    const appId = appToken.slice(0, Math.max(0, separator));
    if (
      separator <= 0 ||
      checkClient(this.state, this.platform.type, appId, appToken.slice(separator + 1)) !== 'ok'
    ) {
      return graphError(400, 190, 'Invalid OAuth access token signature.');
    }
    const resolved = resolveToken(
      this.state,
      this.platform.type,
      stringParam(req.query, 'input_token', 1024),
    );
    if (!resolved.ok) {
      const body = resolved.reply.body as {
        error?: { code?: number; message?: string; error_subcode?: number };
      };
      return ok({
        data: {
          app_id: appId,
          is_valid: false,
          scopes: [],
          error: {
            code: body.error?.code ?? 190,
            message: body.error?.message ?? 'Invalid token',
            ...(body.error?.error_subcode === undefined
              ? {}
              : { subcode: body.error.error_subcode }),
          },
        },
      });
    }
    const { token } = resolved;
    if (token.grant.clientId !== appId) {
      return invalidParameterReply('The App_id in the input_token did not match the Viewing App');
    }
    const issuedAt =
      token.kind === 'user'
        ? (token.info?.issuedAt ?? token.grant.createdAt)
        : token.grant.createdAt;
    return ok({
      data: {
        app_id: appId,
        type: token.kind === 'user' ? 'USER' : 'PAGE',
        application: `${this.platform.displayName} sandbox app`,
        data_access_expires_at: seconds(token.grant.createdAt) + DATA_ACCESS_SECONDS,
        expires_at: token.expiresAt === null ? 0 : seconds(token.expiresAt),
        is_valid: true,
        issued_at: seconds(issuedAt),
        scopes: token.scopes,
        user_id: token.user.id,
        ...(token.kind === 'page' ? { profile_id: token.page.id } : {}),
      },
    });
  }

  /** `GET /me/accounts`: the Pages the person has a task on, paged with cursors. */
  accounts(req: Request): HttpReply {
    const resolved = resolveToken(this.state, this.platform.type, presentedToken(req));
    if (!resolved.ok) return resolved.reply;
    const { token } = resolved;
    if (token.kind !== 'user') return unknownObjectReply('me');
    if (!token.scopes.includes('pages_show_list')) return permissionReply('pages_show_list');
    const selected = selectFields(req.query['fields'], PAGE_FIELDS, ACCOUNT_DEFAULT_FIELDS, 'Page');
    if (!selected.ok) return selected.reply;
    const limit = Math.min(
      100,
      Math.max(1, Number(stringParam(req.query, 'limit', 4) ?? '25') || 25),
    );
    const start = cursorIndex(stringParam(req.query, 'after', 64));
    const pages = token.user.entities.facebookPages;
    const slice = pages.slice(start, start + limit);
    const data = slice.map((page) => pick(this.pageNode(token, page), selected.fields));
    const end = start + slice.length;
    const next = new URL(`${this.state.origin}${this.platform.basePath}${req.path}`);
    next.searchParams.set('fields', selected.fields.join(','));
    next.searchParams.set('limit', String(limit));
    next.searchParams.set('after', cursor(end));
    return ok({
      data,
      paging: {
        cursors: { before: cursor(start), after: cursor(end) },
        // Graph puts the token in `next`; the sandbox leaves it out.
        ...(end < pages.length ? { next: next.toString() } : {}),
      },
    });
  }

  /** `GET /me/permissions`; `DELETE /{user-id}/permissions` removes the app for the person. */
  permissions(req: Request): HttpReply {
    const fromBody = req.method === 'POST';
    const resolved = resolveToken(this.state, this.platform.type, presentedToken(req, fromBody));
    if (!resolved.ok) return resolved.reply;
    const { token } = resolved;
    const node = routeParam(req.params, 'node');
    if (token.kind !== 'user' || (node !== 'me' && node !== token.user.id)) {
      return unknownObjectReply(node ?? '');
    }
    const method =
      req.method === 'POST'
        ? (stringParam(req.body, 'method', 10) ?? 'post').toUpperCase()
        : req.method;
    if (method === 'GET') {
      const granted = [...new Set(['public_profile', ...token.scopes])];
      return ok({ data: granted.map((permission) => ({ permission, status: 'granted' })) });
    }
    if (method !== 'DELETE') return invalidParameterReply('Unsupported request method');
    this.state.stats.countRevokeCall(this.platform.type);
    for (const grant of this.state.grants.list({
      type: this.platform.type,
      user: token.grant.userName,
    })) {
      const live = this.state.grants.getGrant(grant.id);
      if (live !== undefined && live.clientId === token.grant.clientId) {
        this.state.grants.revokeGrant(live, 'client-revoked');
      }
    }
    return ok({ success: true });
  }

  /** `GET /me`, `/{user-id}`, `/{page-id}`, `/{ig-user-id}`. */
  node(req: Request, id: string): HttpReply {
    const resolved = resolveToken(this.state, this.platform.type, presentedToken(req));
    if (!resolved.ok) return resolved.reply;
    const { token } = resolved;
    const fields = req.query['fields'];
    if (token.kind === 'page' && (id === 'me' || id === token.page.id)) {
      return this.render(
        fields,
        this.pageNode(token, token.page),
        PAGE_FIELDS,
        ['id', 'name'],
        'Page',
      );
    }
    if (token.kind === 'user' && (id === 'me' || id === token.user.id)) {
      return this.render(fields, userNode(token.user), USER_FIELDS, ['id', 'name'], 'User');
    }
    const page = token.user.entities.facebookPages.find((candidate) => candidate.id === id);
    if (page !== undefined && token.kind === 'user') {
      return this.render(fields, this.pageNode(token, page), PAGE_FIELDS, ['id', 'name'], 'Page');
    }
    const account = this.instagramAccount(token, id);
    if (account !== undefined) {
      if (!token.scopes.includes('instagram_basic')) return permissionReply('instagram_basic');
      return this.render(
        fields,
        this.instagramNode(token.user, account),
        IG_FIELDS,
        ['id'],
        'IGUser',
      );
    }
    return unknownObjectReply(id);
  }

  private render(
    rawFields: unknown,
    node: Record<string, unknown>,
    available: readonly string[],
    defaults: readonly string[],
    nodeType: string,
  ): HttpReply {
    const selected = selectFields(rawFields, available, defaults, nodeType);
    return selected.ok ? ok(pick(node, selected.fields)) : selected.reply;
  }

  private pageNode(token: ResolvedToken, page: FacebookPage): Record<string, unknown> {
    return {
      id: page.id,
      name: page.name,
      category: page.managedByUser ? 'Brand' : 'Community',
      tasks: page.tasks,
      picture: picture(this.avatar(page.id)),
      access_token: page.tasks.length > 0 ? this.pageToken(token, page.id) : undefined,
      instagram_business_account:
        page.instagramBusinessAccountId === null
          ? undefined
          : { id: page.instagramBusinessAccountId },
    };
  }

  private instagramNode(user: SandboxUser, account: InstagramAccount): Record<string, unknown> {
    return {
      id: account.id,
      username: account.username,
      name: user.displayName,
      profile_picture_url: this.avatar(account.id),
      followers_count: 1200,
    };
  }

  /** The Instagram Business account `id` on one of the person's Pages (or the Page token's Page). */
  private instagramAccount(token: ResolvedToken, id: string): InstagramAccount | undefined {
    const pages = token.kind === 'page' ? [token.page] : token.user.entities.facebookPages;
    if (!pages.some((page) => page.instagramBusinessAccountId === id)) return undefined;
    return token.user.entities.instagramAccounts.find((account) => account.id === id);
  }

  /**
   * The Page's token: the same one on every lookup; it never expires when taken with a
   * long-lived user token, and lives as long as the user token otherwise.
   */
  private pageToken(token: ResolvedToken, pageId: string): string {
    if (token.kind === 'page') return token.raw;
    const meta = metaStateOf(this.state);
    const kind = token.info?.kind ?? 'long';
    const key = `${token.grant.id}:${pageId}:${kind}`;
    const existing = meta.pageTokenByKey.get(key);
    if (existing !== undefined) return existing;
    const issued = `sbx_pt_${randomBytes(32).toString('base64url')}`;
    meta.pageTokens.set(issued, {
      grantId: token.grant.id,
      pageId,
      expiresAt: kind === 'long' ? null : token.expiresAt,
    });
    meta.pageTokenByKey.set(key, issued);
    return issued;
  }

  private avatar(id: string): string {
    return `${this.state.origin}/_sandbox/avatars/${id}.svg`;
  }
}

function userNode(user: SandboxUser): Record<string, unknown> {
  return { id: user.id, name: user.displayName, picture: picture(user.avatarUrl) };
}

function ok(body: unknown): HttpReply {
  return { status: 200, headers: LOW_USAGE_HEADERS, body };
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

function cursor(index: number): string {
  return Buffer.from(`idx:${index}`).toString('base64url');
}

function cursorIndex(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const match = /^idx:(\d{1,6})$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

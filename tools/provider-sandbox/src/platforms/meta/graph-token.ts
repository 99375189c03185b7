import type { Request } from 'express';

import type { HttpReply } from '../../core/http-reply';
import type { SandboxState } from '../../core/sandbox-state';
import type { Grant } from '../../core/state/grants';
import type { FacebookPage } from '../../core/state/user-entities';
import type { SandboxUser } from '../../core/state/users';
import {
  appRemovedReply,
  expiredTokenReply,
  graphError,
  invalidTokenReply,
  missingTokenReply,
  pageRoleLostReply,
} from './graph-replies';
import { metaStateOf, type MetaUserToken } from './meta-state';

interface ResolvedBase {
  readonly raw: string;
  readonly grant: Grant;
  readonly user: SandboxUser;
  readonly scopes: readonly string[];
  /** Null: never expires (a Page token taken with a long-lived user token). */
  readonly expiresAt: number | null;
}

export interface ResolvedUserToken extends ResolvedBase {
  readonly kind: 'user';
  /** Undefined for a token some other route issued (none do today). */
  readonly info: MetaUserToken | undefined;
}

export interface ResolvedPageToken extends ResolvedBase {
  readonly kind: 'page';
  readonly page: FacebookPage;
}

export type ResolvedToken = ResolvedUserToken | ResolvedPageToken;

export type Resolution =
  | { readonly ok: true; readonly token: ResolvedToken }
  | { readonly ok: false; readonly reply: HttpReply };

/** `access_token` from the query (as Meta documents it) or an `Authorization: Bearer|OAuth` header. */
export function presentedToken(req: Request, fromBody = false): string | undefined {
  const source: unknown = fromBody ? req.body : req.query;
  const param =
    typeof source === 'object' && source !== null
      ? (source as Record<string, unknown>)['access_token']
      : undefined;
  if (typeof param === 'string' && param.length > 0 && param.length <= 1024) return param;
  const header = /^(?:Bearer|OAuth) ([\x21-\x7E]{1,1024})$/i.exec(
    req.headers.authorization?.trim() ?? '',
  );
  return header?.[1];
}

/**
 * The live user or Page token `raw` of platform `type`, or the Graph error Meta answers for it:
 * unknown → 190, expired → 190/463, app removed → 190/458, invalidated → 190/467, Page role
 * gone → 190/492.
 */
export function resolveToken(
  state: SandboxState,
  type: string,
  raw: string | undefined,
): Resolution {
  if (raw === undefined) return { ok: false, reply: missingTokenReply() };
  const meta = metaStateOf(state);
  const now = state.clock();

  const page = meta.pageTokens.get(raw);
  const record = page === undefined ? state.grants.findAccessToken(raw) : undefined;
  const grantId = page?.grantId ?? record?.grantId;
  const grant = grantId === undefined ? undefined : state.grants.getGrant(grantId);
  if (grant === undefined || grant.type !== type) return { ok: false, reply: invalidTokenReply() };
  const dead = deadGrantReply(grant);
  if (dead !== null) return { ok: false, reply: dead };
  const user = state.users.getOrCreate(grant.userName);

  if (page !== undefined) {
    if (page.expiresAt !== null && now >= page.expiresAt) {
      return { ok: false, reply: expiredTokenReply(page.expiresAt, now) };
    }
    const entity = user.entities.facebookPages.find((candidate) => candidate.id === page.pageId);
    if (entity === undefined || entity.tasks.length === 0) {
      return { ok: false, reply: pageRoleLostReply() };
    }
    return {
      ok: true,
      token: {
        kind: 'page',
        raw,
        grant,
        user,
        scopes: grant.scopes,
        expiresAt: page.expiresAt,
        page: entity,
      },
    };
  }
  if (record === undefined) return { ok: false, reply: invalidTokenReply() };
  if (now >= record.expiresAt)
    return { ok: false, reply: expiredTokenReply(record.expiresAt, now) };
  return {
    ok: true,
    token: {
      kind: 'user',
      raw,
      grant,
      user,
      scopes: record.scopes,
      expiresAt: record.expiresAt,
      info: meta.userTokens.get(raw),
    },
  };
}

function deadGrantReply(grant: Grant): HttpReply | null {
  if (grant.status === 'active') return null;
  switch (grant.revokedReason) {
    case 'user-withdrew':
    case 'client-revoked':
      return appRemovedReply(grant.clientId);
    case 'code-reuse':
    case 'refresh-token-reuse':
    case null:
      return graphError(400, 190, 'Error validating access token: The access token is invalid.', {
        subcode: 467,
      });
  }
}

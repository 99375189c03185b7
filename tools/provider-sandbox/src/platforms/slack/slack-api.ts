import express, { type Request, type Response, type Router } from 'express';

import { sendReply } from '../../core/http-reply';
import type { SandboxState } from '../../core/sandbox-state';
import type { AccessTokenRecord, Grant } from '../../core/state/grants';
import type { SandboxUser } from '../../core/state/users';
import { apiCaller, bearerToken, queryString } from '../support/api-caller';
import { isRecord } from '../support/authorize-route';
import { field } from '../support/token-call';
import { installPlace, slackBotUserId, slackUserId } from './slack-ids';
import { slackError } from './slack-oauth';
import { SLACK_TOKEN, slackStateOf, type SlackTokenKind } from './slack-state';

interface SlackCaller {
  readonly grant: Grant;
  readonly token: AccessTokenRecord;
  readonly user: SandboxUser;
  readonly kind: SlackTokenKind;
}

const CALLER_ERRORS = {
  missing: 'invalid_auth',
  invalid: 'invalid_auth',
  expired: 'token_expired',
  revoked: 'token_revoked',
} as const;

/** A Web API argument from the query or the form body. */
function argument(req: Request, key: string): string | undefined {
  const body: unknown = req.body;
  return (isRecord(body) ? field(body, key) : undefined) ?? queryString(req, key);
}

/**
 * The caller of a Web API method (token in `Authorization: Bearer` or the `token` argument), or
 * the error Slack answers: `not_authed`, `invalid_auth`, `token_expired`, `token_revoked`.
 */
function slackCaller(state: SandboxState, req: Request, res: Response): SlackCaller | undefined {
  const presented = bearerToken(req) ?? argument(req, 'token');
  if (presented === undefined || presented === '') {
    sendReply(res, slackError('not_authed'));
    return undefined;
  }
  const parsed = SLACK_TOKEN.parseAccess(presented);
  if (parsed === undefined) {
    sendReply(res, slackError('invalid_auth'));
    return undefined;
  }
  const caller = apiCaller(state, 'SLACK', parsed.inner);
  if (caller.kind !== 'ok') {
    sendReply(res, slackError(CALLER_ERRORS[caller.kind]));
    return undefined;
  }
  if (slackStateOf(state).installs.get(caller.grant.id)?.revoked.has(parsed.kind)) {
    sendReply(res, slackError('token_revoked'));
    return undefined;
  }
  return { grant: caller.grant, token: caller.token, user: caller.user, kind: parsed.kind };
}

function teamIcon(id: string): Record<string, unknown> {
  return {
    image_34: null,
    image_68: null,
    image_132: null,
    image_default: true,
    id,
  };
}

/**
 * The Web API methods the adapter calls: `auth.revoke` (revokes the calling token only; `test=1`
 * is a dry run; the install ends when none of its tokens is left), `auth.test`, `team.info`
 * (`team:read`), `auth.teams.list` (the workspaces an org-wide install was granted).
 */
export function slackApiRoutes(router: Router, state: SandboxState): void {
  const form = express.urlencoded({ extended: false, limit: '32kb' });
  const method = (
    name: string,
    handler: (caller: SlackCaller, req: Request, res: Response) => void,
  ): void => {
    const run = (req: Request, res: Response): void => {
      const caller = slackCaller(state, req, res);
      if (caller !== undefined) handler(caller, req, res);
    };
    router.get(`/api/${name}`, run);
    router.post(`/api/${name}`, form, run);
  };

  method('auth.revoke', (caller, req, res) => {
    state.stats.countRevokeCall('SLACK');
    const test = argument(req, 'test');
    if (test === '1' || test === 'true') {
      sendReply(res, { status: 200, body: { ok: true, revoked: false } });
      return;
    }
    const install = slackStateOf(state).installs.get(caller.grant.id);
    install?.revoked.add(caller.kind);
    if (install === undefined || install.kinds.every((kind) => install.revoked.has(kind))) {
      state.grants.revokeGrant(caller.grant, 'client-revoked');
    }
    sendReply(res, { status: 200, body: { ok: true, revoked: true } });
  });

  method('auth.test', (caller, _req, res) => {
    const place = installPlace(caller.user);
    sendReply(res, {
      status: 200,
      body: {
        ok: true,
        url: place.team === null ? null : `https://${place.team.domain}.slack.com/`,
        team: place.team?.name ?? null,
        user: caller.kind === 'bot' ? 'switchboard' : caller.user.username,
        team_id: place.team?.id ?? null,
        user_id:
          caller.kind === 'bot'
            ? slackBotUserId(place, caller.grant.clientId)
            : slackUserId(caller.user),
        enterprise_id: place.enterprise?.id,
        is_enterprise_install: place.enterprise !== null,
      },
    });
  });

  method('team.info', (caller, _req, res) => {
    if (!caller.token.scopes.includes('team:read')) {
      sendReply(res, slackError('missing_scope', 200, { needed: 'team:read' }));
      return;
    }
    const team = installPlace(caller.user).team;
    if (team === null) {
      sendReply(res, slackError('team_not_found'));
      return;
    }
    sendReply(res, {
      status: 200,
      body: { ok: true, team: { ...team, email_domain: '', icon: teamIcon(team.id) } },
    });
  });

  method('auth.teams.list', (caller, _req, res) => {
    const team = installPlace(caller.user).team;
    sendReply(res, {
      status: 200,
      body: {
        ok: true,
        teams: team === null ? [] : [{ id: team.id, name: team.name, icon: teamIcon(team.id) }],
        response_metadata: { next_cursor: '' },
      },
    });
  });
}

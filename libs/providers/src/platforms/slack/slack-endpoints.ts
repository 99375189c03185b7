/**
 * Slack's OAuth v2 and the Web API methods Switchboard calls (shared/providers/pinterest-…-fanvue.md
 * §4: docs.slack.dev / api.slack.com oauth.v2.access, using-token-rotation, auth.revoke,
 * team.info, auth.teams.list, verifying-requests-from-slack). Every URL goes through the
 * platform context's `endpoint()` so the sandbox and `SLACK_BASE_URL` work.
 */
export const SLACK_ENDPOINTS = {
  authorization: 'https://slack.com/oauth/v2/authorize',
  /** Code exchange and, with token rotation, `grant_type=refresh_token`. */
  access: 'https://slack.com/api/oauth.v2.access',
  /** Revokes the token it is called with. */
  revoke: 'https://slack.com/api/auth.revoke',
  teamInfo: 'https://slack.com/api/team.info',
  /** The workspaces an org-wide (Enterprise Grid) install was granted. */
  teamsList: 'https://slack.com/api/auth.teams.list',
} as const;

/**
 * Switchboard speaks of one scope list; Slack takes bot scopes in `scope` and user-token scopes in
 * `user_scope`. A scope written `user:<scope>` is a user-token scope (`user:chat:write`); the
 * others are bot scopes. Granted scopes come back the same way.
 */
export const SLACK_USER_SCOPE_PREFIX = 'user:';

/** `team.info` names the workspace and its icon. */
export const SLACK_REQUIRED_SCOPES = ['team:read'] as const;
/** Posting as the bot, and seeing the public channels to post to. */
export const SLACK_DEFAULT_SCOPES = [
  ...SLACK_REQUIRED_SCOPES,
  'chat:write',
  'channels:read',
] as const;

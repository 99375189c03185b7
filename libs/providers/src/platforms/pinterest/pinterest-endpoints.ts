/**
 * Pinterest API v5 (shared/providers/pinterest-…-fanvue.md §1: pinterest/api-description
 * `v5/openapi.yaml` 5.23.0, pinterest/api-quickstart). The consent page is on www.pinterest.com,
 * everything else on api.pinterest.com/v5; every URL goes through the platform context's
 * `endpoint()` so the sandbox and `PINTEREST_BASE_URL` work.
 */
export const PINTEREST_ENDPOINTS = {
  authorization: 'https://www.pinterest.com/oauth/',
  token: 'https://api.pinterest.com/v5/oauth/token',
  /** The spec: "Only tokens issued for system users are currently supported". */
  revocation: 'https://api.pinterest.com/v5/oauth/token/revoke',
  userAccount: 'https://api.pinterest.com/v5/user_account',
  boards: 'https://api.pinterest.com/v5/boards',
} as const;

/** `GET /v5/user_account` needs `user_accounts:read`, `GET /v5/boards` needs `boards:read`. */
export const PINTEREST_REQUIRED_SCOPES = ['boards:read', 'user_accounts:read'] as const;
/** Publishing a Pin (`POST /v5/pins`) needs the board and pin read/write scopes. */
export const PINTEREST_DEFAULT_SCOPES = [
  ...PINTEREST_REQUIRED_SCOPES,
  'boards:write',
  'pins:read',
  'pins:write',
] as const;

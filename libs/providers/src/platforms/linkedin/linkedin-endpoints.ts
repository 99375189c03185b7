/**
 * LinkedIn's real endpoints (shared/providers §7–8; learn.microsoft.com/linkedin: authorization
 * code flow, programmatic refresh tokens, Sign In with LinkedIn v2, organization access control).
 * Every one goes through the platform context's `endpoint()` so the sandbox and
 * `<TYPE>_BASE_URL` work.
 */
export const LINKEDIN_ENDPOINTS = {
  authorization: 'https://www.linkedin.com/oauth/v2/authorization',
  token: 'https://www.linkedin.com/oauth/v2/accessToken',
  /** Widely used, not in LinkedIn's archived docs (unverified). */
  revocation: 'https://www.linkedin.com/oauth/v2/revoke',
  userInfo: 'https://api.linkedin.com/v2/userinfo',
  organizationAcls: 'https://api.linkedin.com/rest/organizationAcls',
  organizations: 'https://api.linkedin.com/rest/organizations',
  images: 'https://api.linkedin.com/rest/images',
} as const;

/**
 * `LinkedIn-Version` for the versioned `/rest` API. LinkedIn supports a version for about a year
 * and answers a sunset one with 426 `NONEXISTENT_VERSION` (classified transient: our
 * configuration, never the member's); move it forward with LinkedIn's release notes.
 */
export const LINKEDIN_API_VERSION = '202609';

/** OpenID Connect: `GET /v2/userinfo` needs `openid` and `profile`. */
export const LINKEDIN_REQUIRED_SCOPES = ['openid', 'profile'] as const;
/** Posting as the member needs `w_member_social`. */
export const LINKEDIN_DEFAULT_SCOPES = [
  ...LINKEDIN_REQUIRED_SCOPES,
  'email',
  'w_member_social',
] as const;

/** Listing the organizations a member administers needs `rw_organization_admin`. */
export const LINKEDIN_PAGE_REQUIRED_SCOPES = ['rw_organization_admin'] as const;
/** Identity (`openid profile`), posting and reading as the organization. */
export const LINKEDIN_PAGE_DEFAULT_SCOPES = [
  'openid',
  'profile',
  ...LINKEDIN_PAGE_REQUIRED_SCOPES,
  'w_organization_social',
  'r_organization_social',
] as const;

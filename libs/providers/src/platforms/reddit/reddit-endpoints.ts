/**
 * Reddit's OAuth 2 (shared/providers/pinterest-…-fanvue.md §2: reddit-archive/reddit wiki
 * "OAuth2" and "API"). The OAuth endpoints are on www.reddit.com, the API on oauth.reddit.com
 * (`Authorization: bearer`); every URL goes through the platform context's `endpoint()`.
 */
export const REDDIT_ENDPOINTS = {
  authorization: 'https://www.reddit.com/api/v1/authorize',
  token: 'https://www.reddit.com/api/v1/access_token',
  revocation: 'https://www.reddit.com/api/v1/revoke_token',
  me: 'https://oauth.reddit.com/api/v1/me',
} as const;

/** `identity` reads `/api/v1/me`. */
export const REDDIT_REQUIRED_SCOPES = ['identity'] as const;
/** Posting (`submit`), flair selection, reading listings, the user's subreddits. */
export const REDDIT_DEFAULT_SCOPES = [
  ...REDDIT_REQUIRED_SCOPES,
  'submit',
  'read',
  'flair',
  'mysubreddits',
] as const;

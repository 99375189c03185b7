/**
 * TikTok Login Kit (v2) and TikTok API for Business (`tt_user`) endpoints (shared/providers §9–10;
 * developers.tiktok.com: oauth-user-access-token-management, oauth-refresh-a-user-access-token,
 * oauth-revoke-a-user-access-token, tiktok-api-v2-error-handling, login-kit-web).
 */
export const TIKTOK_ENDPOINTS = {
  authorization: 'https://www.tiktok.com/v2/auth/authorize/',
  token: 'https://open.tiktokapis.com/v2/oauth/token/',
  revocation: 'https://open.tiktokapis.com/v2/oauth/revoke/',
  userInfo: 'https://open.tiktokapis.com/v2/user/info/',
} as const;

/** Fields of `/v2/user/info/` the identity needs (`user.info.basic`; `username` with `user.info.profile`). */
export const TIKTOK_USER_FIELDS = 'open_id,union_id,avatar_url,display_name,username';

export const TIKTOK_REQUIRED_SCOPES = ['user.info.basic'] as const;
export const TIKTOK_DEFAULT_SCOPES = [
  ...TIKTOK_REQUIRED_SCOPES,
  'user.info.profile',
  'user.info.stats',
  'video.list',
  'video.upload',
  'video.publish',
] as const;

/** TikTok API for Business: the same authorize page, its own token host and JSON bodies. */
export const TIKTOK_BUSINESS_ENDPOINTS = {
  authorization: 'https://www.tiktok.com/v2/auth/authorize/',
  token: 'https://business-api.tiktok.com/open_api/v1.3/tt_user/oauth2/token/',
  refresh: 'https://business-api.tiktok.com/open_api/v1.3/tt_user/oauth2/refresh_token/',
  revocation: 'https://business-api.tiktok.com/open_api/v1.3/tt_user/oauth2/revoke/',
  profile: 'https://business-api.tiktok.com/open_api/v1.3/business/get/',
} as const;

export const TIKTOK_BUSINESS_REQUIRED_SCOPES = ['user.info.basic'] as const;
export const TIKTOK_BUSINESS_DEFAULT_SCOPES = [
  ...TIKTOK_BUSINESS_REQUIRED_SCOPES,
  'user.info.username',
  'user.info.stats',
  'video.list',
  'video.publish',
] as const;

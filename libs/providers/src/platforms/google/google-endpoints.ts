/**
 * Google OAuth 2.0 for web-server apps and the APIs the channel lists need (shared/providers
 * §11–12; the OIDC discovery document of accounts.google.com; YouTube Data API v3; Business
 * Profile Account Management and Business Information APIs). One platform reaches several hosts;
 * `endpoint()` maps each to `SANDBOX_URL/<type-lower>/<path>`, and the paths never collide.
 */
export const GOOGLE_ENDPOINTS = {
  authorization: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
  revocation: 'https://oauth2.googleapis.com/revoke',
  userInfo: 'https://openidconnect.googleapis.com/v1/userinfo',
  youtubeChannels: 'https://www.googleapis.com/youtube/v3/channels',
  businessAccounts: 'https://mybusinessaccountmanagement.googleapis.com/v1/accounts',
  /** `…/v1/{accounts/A}/locations`. */
  businessInformation: 'https://mybusinessbusinessinformation.googleapis.com/v1',
} as const;

const AUTH = 'https://www.googleapis.com/auth';

/** The Google account behind the grant (`/v1/userinfo`): basic sign-in, never unticked. */
export const GOOGLE_IDENTITY_SCOPES = ['openid', `${AUTH}/userinfo.profile`] as const;

/** `channels.list?mine=true` needs a read scope; uploads need `youtube.upload`. */
export const YOUTUBE_REQUIRED_SCOPES = [`${AUTH}/youtube.readonly`] as const;
export const YOUTUBE_DEFAULT_SCOPES = [
  ...GOOGLE_IDENTITY_SCOPES,
  ...YOUTUBE_REQUIRED_SCOPES,
  `${AUTH}/youtube.upload`,
] as const;

/** One scope for reading and writing a Business Profile (Google calls it sensitive). */
export const GOOGLE_BUSINESS_REQUIRED_SCOPES = [`${AUTH}/business.manage`] as const;
export const GOOGLE_BUSINESS_DEFAULT_SCOPES = [
  ...GOOGLE_IDENTITY_SCOPES,
  ...GOOGLE_BUSINESS_REQUIRED_SCOPES,
] as const;

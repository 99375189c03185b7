import { z } from 'zod';

export const PLATFORM_TYPES = [
  'FACEBOOK',
  'INSTAGRAM',
  'INSTAGRAM_LOGIN',
  'TWITTER',
  'LINKEDIN',
  'LINKEDIN_PAGE',
  'THREADS',
  'TIKTOK',
  'TIKTOK_BUSINESS',
  'YOUTUBE',
  'PINTEREST',
  'REDDIT',
  'DISCORD',
  'SLACK',
  'MASTODON',
  'BLUESKY',
  'GOOGLE_BUSINESS',
  'TELEGRAM',
  'FANVUE',
] as const;

export type BuiltInPlatformType = (typeof PLATFORM_TYPES)[number];

const CUSTOM_TYPE = /^CUSTOM_OAUTH2:[a-z0-9][a-z0-9-]{0,39}$/;
export type CustomPlatformType = `CUSTOM_OAUTH2:${string}`;

const customType = z.custom<CustomPlatformType>(
  (v) => typeof v === 'string' && CUSTOM_TYPE.test(v),
  'expected a platform type or CUSTOM_OAUTH2:<key>',
);

/** An account's `type`: one of the built-in platforms, or `CUSTOM_OAUTH2:<key>`. */
export const PlatformTypeSchema = z.union([z.enum(PLATFORM_TYPES), customType]);
export type PlatformType = z.infer<typeof PlatformTypeSchema>;

/** `google-business`, `linkedin-page`, `custom-<key>`: the prefix of redirect parameters. */
export function callbackParamPrefix(type: PlatformType): string {
  if (type.startsWith('CUSTOM_OAUTH2:')) return `custom-${type.slice('CUSTOM_OAUTH2:'.length)}`;
  return type.toLowerCase().replace(/_/g, '-');
}

const PLATFORM_NAMES: Record<BuiltInPlatformType, string> = {
  FACEBOOK: 'Facebook',
  INSTAGRAM: 'Instagram',
  INSTAGRAM_LOGIN: 'Instagram',
  TWITTER: 'X',
  LINKEDIN: 'LinkedIn',
  LINKEDIN_PAGE: 'LinkedIn Page',
  THREADS: 'Threads',
  TIKTOK: 'TikTok',
  TIKTOK_BUSINESS: 'TikTok Business',
  YOUTUBE: 'YouTube',
  PINTEREST: 'Pinterest',
  REDDIT: 'Reddit',
  DISCORD: 'Discord',
  SLACK: 'Slack',
  MASTODON: 'Mastodon',
  BLUESKY: 'Bluesky',
  GOOGLE_BUSINESS: 'Google Business Profile',
  TELEGRAM: 'Telegram',
  FANVUE: 'Fanvue',
};

/** The name people know a platform by, for pages and messages (a custom provider by its key). */
export function platformName(type: string): string {
  return PLATFORM_NAMES[type as BuiltInPlatformType] ?? type.replace(/^CUSTOM_OAUTH2:/, '');
}

export const ACCOUNT_STATUSES = ['ACTIVE', 'EXPIRING', 'EXPIRED', 'ERROR', 'DISCONNECTED'] as const;
export const AccountStatusSchema = z.enum(ACCOUNT_STATUSES);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;
